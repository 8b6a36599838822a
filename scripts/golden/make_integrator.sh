#!/bin/sh
# The integrator model IntegratorSlowPointTests reads: a tanh RNN of 64 units trained by rnnscope's
# own trainer on the integrator task (the running sum of sparse pulses), saved as safetensors, and
# its slow points as `rnnscope fixed --stop 1e-8` finds them (the recipe of
# scripts/line-attractor-seeds on seed 1).
#
#     scripts/golden/make_integrator.sh        (about a minute and a half on 2 cores)
#
# The trained weights may differ in their last bits with another OpenBLAS kernel set; the test
# checks the committed file.
set -eu
cd "$(dirname "$0")/../.."
swift build -c release >/dev/null
.build/release/rnnscope train --task integrator --hidden 64 --steps 10000 --lr 0.001 --clip 1 \
  --seed 1 --save Tests/Fixtures/Integrator/rnn_tanh_h64.safetensors
.build/release/rnnscope fixed Tests/Fixtures/Integrator/rnn_tanh_h64.safetensors --length 400 \
  --starts 256 --stop 1e-8 --eigenvalues 2 | sed -n 1,2p
