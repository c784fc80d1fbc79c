# torch4j sample 10 (beyond the tutorial): a small CNN on seeded synthetic images.
# Exercises Conv2d, BatchNorm2d (running statistics, train/eval), ReLU, MaxPool2d, Dropout and
# Linear, trained with SGD + momentum on shuffled minibatches. Each 12x12 image is one of four
# fixed patterns (horizontal bar, vertical bar, diagonal, hollow square) plus gaussian noise drawn
# with torch's generator after torch.manual_seed(seed), so the Java port
# (org.torch4j.samples.Step10SmallCnn) sees the same images, batches and dropout masks.
# Usage: /usr/bin/python3 samples/parity/step10.py [--seed N] [--epochs N]   (recorded: epochs 6)
import argparse

import torch
from torch import nn
from torch.utils.data import DataLoader, TensorDataset

parser = argparse.ArgumentParser()
parser.add_argument('--seed', type=int, default=0)
parser.add_argument('--epochs', type=int, default=6)
args = parser.parse_args()
torch.manual_seed(args.seed)
torch.set_num_threads(1)

SIZE, CLASSES, N_TRAIN, N_TEST, NOISE = 12, 4, 256, 64, 0.8


def patterns():
    p = torch.zeros(CLASSES, SIZE, SIZE)
    p[0, 5:7, 2:10] = 1.0       # horizontal bar
    p[1, 2:10, 5:7] = 1.0       # vertical bar
    for i in range(1, SIZE - 1):
        p[2, i, i] = 1.0        # diagonal
    p[3, 3:9, 3:9] = 1.0        # hollow square
    p[3, 4:8, 4:8] = 0.0
    return p


def make_images(n):
    labels = torch.randint(0, CLASSES, (n,))
    images = patterns()[labels].unsqueeze(1) + NOISE * torch.randn(n, 1, SIZE, SIZE)
    return images, labels


x_train, y_train = make_images(N_TRAIN)
x_test, y_test = make_images(N_TEST)


class SmallCnn(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 8, 3, padding=1)
        self.bn1 = nn.BatchNorm2d(8)
        self.conv2 = nn.Conv2d(8, 16, 3, padding=1)
        self.bn2 = nn.BatchNorm2d(16)
        self.pool = nn.MaxPool2d(2)
        self.drop = nn.Dropout(0.25)
        self.fc = nn.Linear(16 * 3 * 3, CLASSES)

    def forward(self, x):
        x = self.pool(torch.relu(self.bn1(self.conv1(x))))   # [N, 8, 6, 6]
        x = self.pool(torch.relu(self.bn2(self.conv2(x))))   # [N, 16, 3, 3]
        return self.fc(self.drop(torch.flatten(x, 1)))


model = SmallCnn()
loss_fn = nn.CrossEntropyLoss()
optimizer = torch.optim.SGD(model.parameters(), lr=0.05, momentum=0.9)
loader = DataLoader(TensorDataset(x_train, y_train), batch_size=32, shuffle=True)

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
    model.eval()
    with torch.no_grad():
        logits = model(x_test)
        test_loss, test_correct = loss_fn(logits, y_test).item(), int((logits.argmax(1) == y_test).sum())
    print(f'epoch {epoch} train_loss {total / N_TRAIN!r} train_acc {correct}/{N_TRAIN} '
          f'test_loss {test_loss!r} test_acc {test_correct}/{N_TEST}')

print('bn2.running_mean ' + ' '.join(repr(v) for v in model.bn2.running_mean[:4].tolist())
      + ' num_batches_tracked ' + str(int(model.bn2.num_batches_tracked)))
