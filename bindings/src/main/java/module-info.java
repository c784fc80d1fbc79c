/**
 * torch4j's layer over the JavaCPP Presets for PyTorch: native loading, JavaCPP settings, error
 * translation, cached scalars and the hook bridge. Internal to torch4j: its one package is exported
 * only to the {@code org.torch4j} module (on the class path, as samples and perf use it, module
 * boundaries do not apply).
 */
// "module": org.torch4j, the target of the qualified export, is compiled after this module
@SuppressWarnings("module")
module org.torch4j.bindings {
    // its public methods take and return the presets' types (Tensor, Scalar, TensorOptions, ...)
    requires transitive org.bytedeco.pytorch;

    exports org.torch4j.bindings to org.torch4j;
}
