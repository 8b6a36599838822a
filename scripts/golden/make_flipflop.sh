#!/bin/sh
# The flip-flop model FlipFlopFixedPointTests reads: a tanh RNN of 64 units trained by rnnscope's
# own trainer on the 3-bit flip-flop task (Sussillo & Barak 2013), saved as F32 safetensors.
#
#     scripts/golden/make_flipflop.sh        (about a minute and a half on 2 cores)
#
# The trained weights may differ in their last bits with another OpenBLAS kernel set; the test
# checks the committed file, and `rnnscope fixed` on a fresh one should report the same points.
set -eu
cd "$(dirname "$0")/../.."
swift build -c release >/dev/null
.build/release/rnnscope train --task flipflop --bits 3 --hidden 64 --steps 5000 --lr 0.005 \
  --clip 1 --seed 1 --save Tests/Fixtures/FlipFlop/rnn_tanh_h64.safetensors
.build/release/rnnscope fixed Tests/Fixtures/FlipFlop/rnn_tanh_h64.safetensors --length 600 \
  --starts 128
