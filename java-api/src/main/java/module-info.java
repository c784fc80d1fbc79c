/**
 * torch4j: PyTorch for the JVM. Tensors, autograd, {@code nn} modules and optimizers over LibTorch.
 *
 * <p>Exports only the public API. {@code org.torch4j.internal} (the one native path that
 * generated and hand-written code share) and {@code org.torch4j.bindings} stay hidden from
 * applications on the module path. The presets' module is required transitively because
 * {@link org.torch4j.Tensor#wrap} and {@link org.torch4j.Tensor#unwrap}, the supported escape
 * hatch to the raw presets, take and return {@code org.bytedeco.pytorch.Tensor}.
 *
 * <p>{@code org.torch4j.serialization} (torch.save/torch.load, behind {@link org.torch4j.Torch#save}
 * and {@link org.torch4j.Torch#load}) is internal too. It reads pickles with net.razorvine:pickle,
 * whose jar has no module descriptor: it is the automatic module {@code pickle}.
 *
 * <p>LibTorch's native jars are separate modules that nothing requires; on the module path add
 * them with {@code --add-modules} (see the README, "Use torch4j in your project").
 */
module org.torch4j {
    requires transitive org.bytedeco.pytorch;
    requires org.torch4j.bindings;
    requires pickle; // net.razorvine:pickle 1.5, an automatic module named after its jar
    requires java.sql; // razorvine's Pickler links java.sql.Date; an automatic module only reads what is resolved

    exports org.torch4j;
    exports org.torch4j.autograd;
    exports org.torch4j.jit;
    exports org.torch4j.distributed;
    exports org.torch4j.distributed.run;
    exports org.torch4j.nn;
    exports org.torch4j.nn.parallel;
    exports org.torch4j.nn.utils;
    exports org.torch4j.optim;
    exports org.torch4j.optim.lr_scheduler;
    exports org.torch4j.utils.data;
}
