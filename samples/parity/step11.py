# torch4j sample 11 (issue 10, "Samples beyond the tutorial" (3)): a one-layer LSTM classifies
# seeded random sequences. Each sequence has T=12 steps of 2 features drawn from N(0, 1); its
# class (0, 1 or 2) is how many of the two features have a positive sum over the sequence, so the
# LSTM must integrate the whole sequence. LSTM(2, 16, batch_first=True) -> last h -> Linear(16, 3),
# CrossEntropyLoss, Adam(lr=0.01), minibatches of 64 in an order drawn with torch.randperm each
# epoch, 512 training and 256 validation sequences; prints the mean training loss and accuracy and
# the validation loss and accuracy of every epoch, then the final test of a few sequences.
# Usage: /usr/bin/python3 samples/parity/step11.py --seed S [--iterations EPOCHS]
# (recordings: samples/parity/recordings/step11_seed{0,1,42}.txt, written by ci/record-parity.sh)
import argparse

import torch
import torch.nn as nn

parser = argparse.ArgumentParser()
parser.add_argument('--seed', type=int, default=0)
parser.add_argument('--iterations', type=int, default=12)  # epochs
args = parser.parse_args()
torch.manual_seed(args.seed)
torch.set_num_threads(1)

T, FEATURES, CLASSES, HIDDEN, BATCH = 12, 2, 3, 16, 64


def make_data(n):
    x = torch.randn(n, T, FEATURES)
    y = (x.sum(1) > 0).long().sum(1)  # 0, 1 or 2 features with a positive sum
    return x, y


x_train, y_train = make_data(512)
x_val, y_val = make_data(256)


class SequenceClassifier(nn.Module):
    def __init__(self):
        super().__init__()
        self.lstm = nn.LSTM(FEATURES, HIDDEN, batch_first=True)
        self.head = nn.Linear(HIDDEN, CLASSES)

    def forward(self, x):
        _, (h_n, _) = self.lstm(x)
        return self.head(h_n[-1])


model = SequenceClassifier()
print(model)
loss_fn = nn.CrossEntropyLoss()
optimizer = torch.optim.Adam(model.parameters(), lr=0.01)

for epoch in range(1, args.iterations + 1):
    model.train()
    order = torch.randperm(len(x_train))
    total_loss, correct = 0.0, 0
    for start in range(0, len(x_train), BATCH):
        idx = order[start:start + BATCH]
        xb, yb = x_train[idx], y_train[idx]
        logits = model(xb)
        loss = loss_fn(logits, yb)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        total_loss += loss.item() * len(idx)
        correct += (logits.argmax(1) == yb).sum().item()
    model.eval()
    with torch.no_grad():
        logits = model(x_val)
        val_loss = loss_fn(logits, y_val).item()
        val_correct = (logits.argmax(1) == y_val).sum().item()
    print(f'epoch {epoch} loss {total_loss / len(x_train)} accuracy {correct / len(x_train)} '
          f'val_loss {val_loss} val_accuracy {val_correct / len(x_val)}')

with torch.no_grad():
    probs = torch.softmax(model(x_val[:4]), 1)
for i in range(4):
    print(f'sequence {i} class {y_val[i].item()} predicted {probs[i].argmax().item()} p {probs[i].max().item()}')
