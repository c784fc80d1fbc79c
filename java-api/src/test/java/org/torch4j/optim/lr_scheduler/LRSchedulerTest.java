package org.torch4j.optim.lr_scheduler;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.torch4j.Scope;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.optim.Adam;
import org.torch4j.optim.Optimizer;
import org.torch4j.optim.SGD;

/** Scheduler lifecycle: closed optimizers, resuming from a state dict, argument checks. */
class LRSchedulerTest {
    @Test
    void aSchedulerOnAClosedOptimizerThrowsIllegalState() {
        try (Scope s = Scope.open()) {
            Tensor w = Torch.zeros(1).requiresGrad(true);
            SGD o = new SGD(List.of(w), new SGD.Options(0.1).withMomentum(0.9));
            StepLR step = new StepLR(o, 2);
            ReduceLROnPlateau plateau = new ReduceLROnPlateau(o);
            o.close();
            assertThrows(IllegalStateException.class, step::step);
            assertThrows(IllegalStateException.class, () -> step.step(3));
            assertThrows(IllegalStateException.class, () -> plateau.step(1.0));
            assertThrows(IllegalStateException.class, () -> new ExponentialLR(o, 0.9));
            assertThrows(IllegalStateException.class, () -> new OneCycleLR(o, 0.1, 10));
            assertThrows(IllegalStateException.class, () -> new ReduceLROnPlateau(o));
        }
    }

    /** 10 steps, save both dicts, new optimizer + scheduler, load, 10 more == 20 straight. */
    @Test
    void resumingFromStateDictsContinuesTheSchedule() {
        List<Function<Optimizer, LRScheduler>> makers = List.of(
                o -> new StepLR(o, 3, 0.5),
                o -> new CosineAnnealingLR(o, 7),
                o -> new CosineAnnealingWarmRestarts(o, 3, 2, 0.0),
                o -> new OneCycleLR(o, 1.0, 25),
                o -> new CyclicLR(o, new CyclicLR.Options(0.01, 0.1).withStepSizeUp(3)),
                o -> new SequentialLR(o, List.of(new LinearLR(o, 0.1, 1.0, 4), new ExponentialLR(o, 0.8)), new int[] {6}));
        for (Function<Optimizer, LRScheduler> make : makers) {
            try (Scope s = Scope.open()) {
                List<Double> straight = new ArrayList<>();
                try (Optimizer o = new SGD(List.of(Torch.zeros(1).requiresGrad(true)), new SGD.Options(0.1).withMomentum(0.9))) {
                    LRScheduler sch = make.apply(o);
                    for (int i = 0; i < 20; i++) {
                        sch.step();
                        straight.add(o.lr());
                    }
                }
                List<Double> resumed = new ArrayList<>();
                Map<String, Object> optState;
                Map<String, Object> schState;
                try (Optimizer o = new SGD(List.of(Torch.zeros(1).requiresGrad(true)), new SGD.Options(0.1).withMomentum(0.9))) {
                    LRScheduler sch = make.apply(o);
                    for (int i = 0; i < 10; i++) {
                        sch.step();
                        resumed.add(o.lr());
                    }
                    optState = o.stateDict();
                    schState = sch.stateDict();
                }
                try (Optimizer o = new SGD(List.of(Torch.zeros(1).requiresGrad(true)), new SGD.Options(0.1).withMomentum(0.9))) {
                    LRScheduler sch = make.apply(o);
                    o.loadStateDict(optState);
                    sch.loadStateDict(schState);
                    for (int i = 0; i < 10; i++) {
                        sch.step();
                        resumed.add(o.lr());
                    }
                    assertArrayEquals(new double[] {o.lr()}, sch.getLastLr());
                }
                assertEquals(straight, resumed, make.apply(new SGD(List.of(Torch.zeros(1).requiresGrad(true)), 0.1)).getClass().getSimpleName());
            }
        }
    }

    @Test
    void plateauStateDictRoundTrips() {
        try (Scope s = Scope.open(); SGD o = new SGD(List.of(Torch.zeros(1).requiresGrad(true)), 0.1)) {
            ReduceLROnPlateau p = new ReduceLROnPlateau(o, new ReduceLROnPlateau.Options().withPatience(1));
            assertThrows(IllegalStateException.class, p::getLastLr);
            p.step(1.0);
            p.step(1.0);
            Map<String, Object> d = p.stateDict();
            ReduceLROnPlateau q = new ReduceLROnPlateau(o, new ReduceLROnPlateau.Options().withPatience(1));
            q.loadStateDict(d);
            q.step(1.0); // the third bad epoch in a row for q too: reduces
            assertEquals(0.1 * 0.1, o.lr(), 1e-18);
        }
    }

    @Test
    void argumentsAreCheckedWithPyTorchsMessages() {
        try (Scope s = Scope.open(); Adam o = new Adam(List.of(Torch.zeros(1).requiresGrad(true)), 0.1)) {
            assertEquals("optimizer must support momentum with `cycle_momentum` option enabled",
                    assertThrows(IllegalArgumentException.class, () -> new CyclicLR(o, 0.01, 0.1)).getMessage());
            assertThrows(IllegalArgumentException.class, () -> new LinearLR(o, 1.5, 1.0, 5));
            assertThrows(IllegalArgumentException.class, () -> new CosineAnnealingWarmRestarts(o, 0));
            assertThrows(IllegalArgumentException.class, () -> new ReduceLROnPlateau.Options().withFactor(1.0));
            assertThrows(IllegalArgumentException.class, () -> new StepLR(o, 3, 0.1, 5), "resuming needs initial_lr");
            OneCycleLR one = new OneCycleLR(o, 0.1, 2);
            one.step();
            one.step();
            assertThrows(IllegalStateException.class, one::step, "past total_steps");
        }
    }
}
