package org.torch4j.serialization;

import java.util.LinkedHashMap;
import java.util.Map;
import org.torch4j.DType;
import org.torch4j.Device;
import org.torch4j.TorchException;
import org.torch4j.Tuple;

/**
 * The globals a {@code data.pkl} may name: those of PyTorch 1.13's {@code weights_only}
 * unpickler that torch4j can build, plus {@code torch.device}. Everything else is refused by name.
 */
final class AllowedGlobals {
    private AllowedGlobals() {
    }

    /** What a global does when REDUCE calls it. */
    enum Kind {
        ORDERED_DICT, REBUILD_TENSOR_V2, REBUILD_TENSOR, REBUILD_PARAMETER, DEVICE, SIZE, STORAGE_TYPE, DTYPE
    }

    /** An allowed global as it sits on the unpickler's stack. */
    record Global(String module, String name, Kind kind) {
        /** {@code module.name(*args)}. */
        Object call(Tuple args, Rebuilder rebuilder, String where) {
            return switch (kind) {
                case ORDERED_DICT -> {
                    if (!args.isEmpty()) {
                        throw new TorchException(where + ": OrderedDict with arguments is not supported");
                    }
                    yield new LinkedHashMap<>();
                }
                case REBUILD_TENSOR_V2, REBUILD_TENSOR -> rebuilder.tensor(args, kind == Kind.REBUILD_TENSOR_V2);
                case REBUILD_PARAMETER -> rebuilder.parameter(args);
                case DEVICE -> {
                    if (args.size() < 1 || !(args.get(0) instanceof String spec)) {
                        throw new TorchException(where + ": torch.device" + args + " is not supported");
                    }
                    String full = args.size() == 2 && args.get(1) instanceof Long i ? spec + ":" + i : spec;
                    try {
                        yield Device.of(full);
                    } catch (IllegalArgumentException e) {
                        throw new TorchException(where + ": torch.device('" + full + "'): " + e.getMessage());
                    }
                }
                case SIZE -> {
                    if (args.size() != 1 || !(args.get(0) instanceof Tuple t)) {
                        throw new TorchException(where + ": torch.Size" + args + " is not supported");
                    }
                    yield t;
                }
                case STORAGE_TYPE, DTYPE -> throw new TorchException(where + ": " + module + "." + name + " cannot be called");
            };
        }

        /** The dtype of a {@code torch.float32}-style global. */
        DType dtype() {
            return DTYPES.get(name);
        }
    }

    private static final Map<String, DType> DTYPES = new LinkedHashMap<>();

    static {
        for (DType d : DType.values()) {
            DTYPES.put(d.toString(), d);
        }
    }

    /** The global {@code module.name}, or a TorchException naming it when PyTorch's weights_only loader (or torch4j) refuses it. */
    static Global resolve(String module, String name, String where) {
        Kind kind = switch (module + "." + name) {
            case "collections.OrderedDict" -> Kind.ORDERED_DICT;
            case "torch._utils._rebuild_tensor_v2" -> Kind.REBUILD_TENSOR_V2;
            case "torch._utils._rebuild_tensor" -> Kind.REBUILD_TENSOR;
            case "torch._utils._rebuild_parameter" -> Kind.REBUILD_PARAMETER;
            case "torch.device" -> Kind.DEVICE;
            case "torch.Size" -> Kind.SIZE;
            default -> null;
        };
        if (kind == null && module.equals("torch")) {
            if (name.endsWith("Storage")) {
                if (StorageType.byName(name) == null) {
                    throw new TorchException(where + ": storage type torch." + name + " is not supported by torch4j (supported: "
                            + java.util.Arrays.stream(StorageType.values()).map(s -> s.pyName).toList() + ")");
                }
                kind = Kind.STORAGE_TYPE;
            } else if (DTYPES.containsKey(name)) {
                kind = Kind.DTYPE;
            }
        }
        if (kind == null) {
            if (module.equals("torch._utils") && name.startsWith("_rebuild_")
                    || (module + "." + name).equals("torch.nn.parameter.Parameter")
                    || (module + "." + name).equals("torch.serialization._get_layout")) {
                throw new TorchException(where + ": " + module + "." + name
                        + " (sparse, quantized or meta tensors) is not supported by torch4j; save dense CPU tensors");
            }
            throw new TorchException(where + ": forbidden global '" + module + "." + name
                    + "' (only the globals PyTorch's weights_only loader allows are read; torch4j never runs pickled code)");
        }
        return new Global(module, name, kind);
    }
}
