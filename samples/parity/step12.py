# torch4j sample 12 (beyond the tutorial): TorchScript inference. A small CNN
# (Conv2d/BatchNorm2d/ReLU/MaxPool2d/Linear) is built once from a fixed seed, its BatchNorm running
# statistics are moved by two training-mode forwards, and it is traced with torch.jit.trace and saved
# (--save PATH; checked in as samples/parity/models/step12_cnn.pt, the same model for every seed).
# Without --save the script loads that file with torch.jit.load, classifies a batch of 8 images drawn
# with torch.randn after torch.manual_seed(seed), and prints each image's top-1 class and softmax
# probability; the Java port (org.torch4j.samples.Step12TorchScriptInference) loads the same file
# with ScriptModule.load and draws the same batch with torch4j's generator.
# Usage: /usr/bin/python3 samples/parity/step12.py --save samples/parity/models/step12_cnn.pt
#        /usr/bin/python3 samples/parity/step12.py [--seed N] [--model PATH]
import argparse
import os

import torch
from torch import nn

MODEL_SEED = 12  # the model is seed-independent: only the batch varies with --seed
BATCH, SIZE, CLASSES = 8, 16, 10
DEFAULT_MODEL = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'models', 'step12_cnn.pt')

parser = argparse.ArgumentParser()
parser.add_argument('--seed', type=int, default=0)
parser.add_argument('--save', metavar='PATH', help='build, trace and save the model to PATH, then exit')
parser.add_argument('--model', default=DEFAULT_MODEL, help='the traced model to classify with')
args = parser.parse_args()
torch.set_num_threads(1)


def build_model():
    torch.manual_seed(MODEL_SEED)
    model = nn.Sequential(
        nn.Conv2d(1, 8, 3, padding=1), nn.BatchNorm2d(8), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(8, 16, 3, padding=1), nn.BatchNorm2d(16), nn.ReLU(), nn.MaxPool2d(2),
        nn.Flatten(), nn.Linear(16 * (SIZE // 4) ** 2, CLASSES))
    # Two training-mode forwards move the BatchNorm running mean and variance away from 0 and 1,
    # so that eval mode's normalisation is exercised with non-trivial statistics.
    model.train()
    with torch.no_grad():
        for _ in range(2):
            model(torch.randn(16, 1, SIZE, SIZE) * 2 + 0.5)
        # Sharper logits than the default init gives, so the top-1 classes differ between images.
        model[-1].weight.mul_(6)
    return model.eval()


if args.save:
    model = build_model()
    traced = torch.jit.trace(model, torch.randn(BATCH, 1, SIZE, SIZE))
    traced.save(args.save)
    print(f'saved {args.save}')
    raise SystemExit(0)

model = torch.jit.load(args.model)
model.eval()
torch.manual_seed(args.seed)
x = torch.randn(BATCH, 1, SIZE, SIZE)
with torch.inference_mode():
    probs = torch.softmax(model(x), dim=1)
    p, c = probs.max(dim=1)
print(f'probs shape {list(probs.shape)}')
for i in range(BATCH):
    print(f'image {i} class {int(c[i])} prob {p[i].item()!r}')
