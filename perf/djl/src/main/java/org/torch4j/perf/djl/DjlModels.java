package org.torch4j.perf.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.norm.Dropout;
import ai.djl.nn.pooling.Pool;
import ai.djl.nn.recurrent.LSTM;
import ai.djl.nn.transformer.TransformerEncoderBlock;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;

/**
 * The training workloads of torch4j's {@code org.torch4j.perf.workloads.Training} built from DJL's
 * blocks (same layer sizes, optimizers, batch sizes and data shapes; the data are DJL's own
 * seeded draws, so only the work, not the numbers, is the same).
 */
final class DjlModels {
    private DjlModels() {
    }

    /** One workload: its block, optimizer, data (x, integer labels), batch size and input shape. */
    record Workload(String name, Block block, Optimizer optimizer, NDArray x, NDArray y, int batch) {
        Shape batchShape() {
            long[] s = x.getShape().getShape().clone();
            s[0] = batch;
            return new Shape(s);
        }
    }

    static Workload create(String name, NDManager m) {
        switch (name) {
            case "mlp": {
                // step 9: blobs of 2 features, 3 classes; 240 training points, batch 32, AdamW(0.02, wd 0.05)
                NDArray centers = m.create(new float[] {-2.5f, -1.5f, 2.5f, -1.5f, 0.0f, 2.5f}, new Shape(3, 2));
                NDArray y = m.arange(0, 3, 1, DataType.INT64).repeat(0, 80);
                NDArray x = m.randomNormal(new Shape(240, 2)).add(centers.get(y));
                Block b = new SequentialBlock()
                        .add(Linear.builder().setUnits(32).build())
                        .add(Activation::relu)
                        .add(Dropout.builder().optRate(0.2f).build())
                        .add(Linear.builder().setUnits(3).build());
                Optimizer o = Optimizer.adamW().optLearningRateTracker(Tracker.fixed(0.02f)).optWeightDecays(0.05f).build();
                return new Workload(name, b, o, x, y, 32);
            }
            case "cnn": {
                // step 10: 256 noisy 1x12x12 images of 4 classes, batch 32, SGD(0.05, momentum 0.9)
                NDArray y = m.randomInteger(0, 4, new Shape(256), DataType.INT64);
                NDArray x = m.randomNormal(new Shape(256, 1, 12, 12)).mul(0.8f);
                Block b = new SequentialBlock()
                        .add(Conv2d.builder().setKernelShape(new Shape(3, 3)).optPadding(new Shape(1, 1)).setFilters(8).build())
                        .add(BatchNorm.builder().build())
                        .add(Activation::relu)
                        .add(Pool.maxPool2dBlock(new Shape(2, 2)))
                        .add(Conv2d.builder().setKernelShape(new Shape(3, 3)).optPadding(new Shape(1, 1)).setFilters(16).build())
                        .add(BatchNorm.builder().build())
                        .add(Activation::relu)
                        .add(Pool.maxPool2dBlock(new Shape(2, 2)))
                        .add(Blocks.batchFlattenBlock())
                        .add(Dropout.builder().optRate(0.25f).build())
                        .add(Linear.builder().setUnits(4).build());
                Optimizer o = Optimizer.sgd().setLearningRateTracker(Tracker.fixed(0.05f)).optMomentum(0.9f).build();
                return new Workload(name, b, o, x, y, 32);
            }
            case "lstm": {
                // step 11: 512 sequences of 12 steps x 2 features, 3 classes; LSTM(16) -> last step -> Linear(3); Adam(0.01), batch 64
                NDArray x = m.randomNormal(new Shape(512, 12, 2));
                NDArray y = x.sum(new int[] {1}).gt(0).toType(DataType.INT64, false).sum(new int[] {1});
                Block b = new SequentialBlock()
                        .add(LSTM.builder().setStateSize(16).setNumLayers(1).optBatchFirst(true).build())
                        .add(new LambdaBlock(l -> new NDList(l.singletonOrThrow().get(":, -1, :"))))
                        .add(Linear.builder().setUnits(3).build());
                Optimizer o = Optimizer.adam().optLearningRateTracker(Tracker.fixed(0.01f)).build();
                return new Workload(name, b, o, x, y, 64);
            }
            case "transformer": {
                // the step-11 data through Linear(32) -> 2 encoder layers (4 heads, feed-forward 64) -> mean over time -> Linear(3)
                NDArray x = m.randomNormal(new Shape(512, 12, 2));
                NDArray y = x.sum(new int[] {1}).gt(0).toType(DataType.INT64, false).sum(new int[] {1});
                Block b = new SequentialBlock()
                        .add(Linear.builder().setUnits(32).build())
                        .add(new TransformerEncoderBlock(32, 4, 64, 0.1f, Activation::relu))
                        .add(new TransformerEncoderBlock(32, 4, 64, 0.1f, Activation::relu))
                        .add(new LambdaBlock(l -> new NDList(l.singletonOrThrow().mean(new int[] {1}))))
                        .add(Linear.builder().setUnits(3).build());
                Optimizer o = Optimizer.adam().optLearningRateTracker(Tracker.fixed(0.01f)).build();
                return new Workload(name, b, o, x, y, 64);
            }
            default:
                throw new IllegalArgumentException("unknown workload " + name);
        }
    }
}
