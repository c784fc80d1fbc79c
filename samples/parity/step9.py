# torch4j sample 9 (beyond the tutorial): a 3-class MLP classifier on gaussian blobs.
# Exercises Dropout, CrossEntropyLoss, AdamW with weight decay, StepLR, a shuffled DataLoader,
# train/eval modes, accuracy via argmax, and a save/load round trip of the state dict.
# The points are drawn with torch's generator after torch.manual_seed(seed), so the Java port
# (org.torch4j.samples.Step9MlpClassifier) sees the same data, batches and dropout masks.
# Usage: /usr/bin/python3 samples/parity/step9.py [--seed N] [--epochs N]   (recorded: epochs 12)
import argparse
import io

import torch
from torch import nn
from torch.utils.data import DataLoader, TensorDataset

parser = argparse.ArgumentParser()
parser.add_argument('--seed', type=int, default=0)
parser.add_argument('--epochs', type=int, default=12)
args = parser.parse_args()
torch.manual_seed(args.seed)
torch.set_num_threads(1)

N_PER_CLASS, N_TRAIN = 100, 240

# Three gaussian blobs (unit variance) around fixed centres; labels 0, 1, 2.
centers = torch.tensor([[-2.5, -1.5], [2.5, -1.5], [0.0, 2.5]])
x = torch.randn(3 * N_PER_CLASS, 2) + centers.repeat_interleave(N_PER_CLASS, dim=0)
y = torch.arange(3).repeat_interleave(N_PER_CLASS)
perm = torch.randperm(3 * N_PER_CLASS)
x_train, y_train = x[perm[:N_TRAIN]], y[perm[:N_TRAIN]]
x_test, y_test = x[perm[N_TRAIN:]], y[perm[N_TRAIN:]]


def make_model():
    return nn.Sequential(nn.Linear(2, 32), nn.ReLU(), nn.Dropout(0.2), nn.Linear(32, 3))


model = make_model()
loss_fn = nn.CrossEntropyLoss()
optimizer = torch.optim.AdamW(model.parameters(), lr=0.02, weight_decay=0.05)
scheduler = torch.optim.lr_scheduler.StepLR(optimizer, step_size=4, gamma=0.5)
loader = DataLoader(TensorDataset(x_train, y_train), batch_size=32, shuffle=True)


def evaluate(m, xs, ys):
    m.eval()
    with torch.no_grad():
        logits = m(xs)
        return loss_fn(logits, ys).item(), int((logits.argmax(1) == ys).sum())


for epoch in range(1, args.epochs + 1):
    model.train()
    total, correct = 0.0, 0
    for xb, yb in loader:
        logits = model(xb)
        loss = loss_fn(logits, yb)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        total += loss.item() * xb.shape[0]
        correct += int((logits.argmax(1) == yb).sum())
    lr = scheduler.get_last_lr()[0]
    scheduler.step()
    test_loss, test_correct = evaluate(model, x_test, y_test)
    print(f'epoch {epoch} lr {lr!r} train_loss {total / N_TRAIN!r} train_acc {correct}/{N_TRAIN} '
          f'test_loss {test_loss!r} test_acc {test_correct}/{len(y_test)}')

# Save the state dict and load it into a fresh model: it must predict exactly as the trained one.
buffer = io.BytesIO()
torch.save(model.state_dict(), buffer)
buffer.seek(0)
reloaded = make_model()
reloaded.load_state_dict(torch.load(buffer))
print('state_dict ' + ' '.join(f'{k}{list(v.shape)}'.replace(' ', '') for k, v in reloaded.state_dict().items()))
test_loss, test_correct = evaluate(reloaded, x_test, y_test)
print(f'reloaded test_loss {test_loss!r} test_acc {test_correct}/{len(y_test)}')
