#!/usr/bin/env python3
"""Writes the high-precision fixtures that the activation accuracy tests compare against.

Every activation is written here again, from its defining formula, in mpmath, independently of
the Java code. Each value is evaluated at increasing working precision until two precisions
agree to 45 significant digits, so that cancellation in the literal formula (x - tanh x near 0,
x + sqrt(x^2 + b) for x << 0) costs working precision, never accuracy.

Output: src/test/resources/org/actlab/activation/activation-fixtures.tsv.gz, one row per
(spec, x): the spec as Java's spec() prints it, x as the 8 hex digits of its float32 bits, and
f(x) and f'(x) to 40 significant digits ("Infinity"/"0.0" with sign where the exact value lies
beyond double range). At kinks f' follows the documented convention (PyTorch's choice).
Also erfc-fixtures.tsv: erfc(z) at about 600 double z, for the double-precision erfc implementations.

Run from actlab-core:  python3 src/test/python/generate_activation_fixtures.py
Needs: python3, mpmath. Deterministic (fixed seed).
"""

import gzip
import io
import os
import random
import struct

import mpmath
from mpmath import mpf

SEED = 20261128
DIGITS = 40
RESOURCES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "resources", "org", "actlab", "activation")
OUT = os.path.join(RESOURCES, "activation-fixtures.tsv.gz")
ERFC_OUT = os.path.join(RESOURCES, "erfc-fixtures.tsv")


def f32(v):
    """The float32 nearest to the Python float v (round to nearest even)."""
    return struct.unpack("<f", struct.pack("<f", v))[0]


def bits_to_f32(b):
    return struct.unpack("<f", struct.pack("<I", b))[0]


def f32_to_bits(v):
    return struct.unpack("<I", struct.pack("<f", v))[0]


def next_up(v):
    b = f32_to_bits(v)
    if v == 0:
        return bits_to_f32(1)
    return bits_to_f32(b + 1) if v > 0 else bits_to_f32(b - 1)


def next_down(v):
    return -next_up(-v)


# ---------------------------------------------------------------------------------------------
# The functions: name -> (value, derivative), each taking (x, p) with x an mpf and p the float32
# parameters as mpf. Written from the definitions in the Javadoc, not from the Java code.
# ---------------------------------------------------------------------------------------------

# Decimal constants are made at high precision: mpf("...") at the default 53 bits would round them.
with mpmath.workdps(100):
    SELU_ALPHA = mpf("1.6732632423543772848170429916717")
    SELU_SCALE = mpf("1.0507009873554804934193349852946")
    GELU_CUBIC = mpf("0.044715")
    RT_SCALE = mpf("1.7159")
    RT_QUARTIC = mpf("1.41645")


def sigmoid(x):
    return 1 / (1 + mpmath.exp(-x))


def sigmoid_slope(x):
    e = mpmath.exp(-x)
    return e / (1 + e) ** 2


def ncdf(x):
    return mpmath.erfc(-x / mpmath.sqrt(2)) / 2


def npdf(x):
    return mpmath.exp(-x * x / 2) / mpmath.sqrt(2 * mpmath.pi)


def gelu_tanh_u(x):
    return mpmath.sqrt(2 / mpmath.pi) * (x + GELU_CUBIC * x ** 3)


def gelu_tanh(x):
    return x * (1 + mpmath.tanh(gelu_tanh_u(x))) / 2


def gelu_tanh_slope(x):
    u = gelu_tanh_u(x)
    du = mpmath.sqrt(2 / mpmath.pi) * (1 + 3 * GELU_CUBIC * x ** 2)
    return (1 + mpmath.tanh(u)) / 2 + x * mpmath.sech(u) ** 2 * du / 2


def softplus_plain(x):
    return mpmath.log1p(mpmath.exp(x))


def mish(x):
    return x * mpmath.tanh(softplus_plain(x))


def mish_slope(x):
    sp = softplus_plain(x)
    return mpmath.tanh(sp) + x * mpmath.sech(sp) ** 2 * sigmoid(x)




def rational_tanh(x):
    y = 2 * x / 3
    a = 1 + abs(y) + y ** 2 + RT_QUARTIC * y ** 4
    return RT_SCALE * mpmath.sign(y) * (1 - 1 / a)


def rational_tanh_slope(x):
    y = 2 * x / 3
    a = 1 + abs(y) + y ** 2 + RT_QUARTIC * y ** 4
    return RT_SCALE * mpf(2) / 3 * (1 + 2 * abs(y) + 4 * RT_QUARTIC * abs(y) ** 3) / a ** 2


def step(cond):
    return mpf(1) if cond else mpf(0)


FUNCTIONS = {
    "identity": (lambda x, p: x, lambda x, p: mpf(1)),
    "sigmoid": (lambda x, p: sigmoid(x), lambda x, p: sigmoid_slope(x)),
    "tanh": (lambda x, p: mpmath.tanh(x), lambda x, p: mpmath.sech(x) ** 2),
    "relu": (lambda x, p: x if x > 0 else mpf(0), lambda x, p: step(x > 0)),
    "relu6": (lambda x, p: min(max(x, mpf(0)), mpf(6)), lambda x, p: step(0 < x < 6)),
    "selu": (lambda x, p: SELU_SCALE * x if x > 0 else SELU_SCALE * SELU_ALPHA * mpmath.expm1(x),
             lambda x, p: SELU_SCALE if x > 0 else SELU_SCALE * SELU_ALPHA * mpmath.exp(x)),
    "gelu": (lambda x, p: x * ncdf(x), lambda x, p: ncdf(x) + x * npdf(x)),
    "gelu_tanh": (lambda x, p: gelu_tanh(x), lambda x, p: gelu_tanh_slope(x)),
    "silu": (lambda x, p: x * sigmoid(x), lambda x, p: sigmoid(x) + x * sigmoid_slope(x)),
    "mish": (lambda x, p: mish(x), lambda x, p: mish_slope(x)),
    "softsign": (lambda x, p: x / (1 + abs(x)), lambda x, p: 1 / (1 + abs(x)) ** 2),
    "log_sigmoid": (lambda x, p: -softplus_plain(-x), lambda x, p: 1 / (1 + mpmath.exp(x))),
    "exponential": (lambda x, p: mpmath.exp(x), lambda x, p: mpmath.exp(x)),
    "hard_sigmoid": (lambda x, p: min(max(x + 3, mpf(0)), mpf(6)) / 6,
                     lambda x, p: mpf(1) / 6 if -3 < x < 3 else mpf(0)),
    "hard_swish": (lambda x, p: x * min(max(x + 3, mpf(0)), mpf(6)) / 6,
                   lambda x, p: mpf(0) if x < -3 else (x / 3 + mpf(1) / 2 if x <= 3 else mpf(1))),
    "tanhshrink": (lambda x, p: x - mpmath.tanh(x), lambda x, p: mpmath.tanh(x) ** 2),
    "sparse_plus": (lambda x, p: mpf(0) if x <= -1 else ((x + 1) ** 2 / 4 if x < 1 else x),
                    lambda x, p: mpf(0) if x <= -1 else ((x + 1) / 2 if x < 1 else mpf(1))),
    "rational_tanh": (lambda x, p: rational_tanh(x), lambda x, p: rational_tanh_slope(x)),
    "rectified_tanh": (lambda x, p: max(mpf(0), mpmath.tanh(x)),
                       lambda x, p: mpmath.sech(x) ** 2 if x > 0 else mpf(0)),
    "cube": (lambda x, p: x ** 3, lambda x, p: 3 * x ** 2),
    "sin": (lambda x, p: mpmath.sin(x), lambda x, p: mpmath.cos(x)),
    "gaussian": (lambda x, p: mpmath.exp(-x ** 2), lambda x, p: -2 * x * mpmath.exp(-x ** 2)),
    "bent_identity": (lambda x, p: (mpmath.sqrt(x ** 2 + 1) - 1) / 2 + x,
                      lambda x, p: x / (2 * mpmath.sqrt(x ** 2 + 1)) + 1),
    "arctan": (lambda x, p: mpmath.atan(x), lambda x, p: 1 / (1 + x ** 2)),
    "leaky_relu": (lambda x, p: x if x > 0 else p["slope"] * x, lambda x, p: mpf(1) if x > 0 else p["slope"]),
    "prelu": (lambda x, p: x if x > 0 else p["slope"] * x, lambda x, p: mpf(1) if x > 0 else p["slope"]),
    "rrelu": (lambda x, p: x if x > 0 else p["s"] * x, lambda x, p: mpf(1) if x > 0 else p["s"]),
    "elu": (lambda x, p: x if x > 0 else p["alpha"] * mpmath.expm1(x),
            lambda x, p: mpf(1) if x > 0 else p["alpha"] * mpmath.exp(x)),
    "celu": (lambda x, p: x if x > 0 else p["alpha"] * mpmath.expm1(x / p["alpha"]),
             lambda x, p: mpf(1) if x > 0 else mpmath.exp(x / p["alpha"])),
    "softplus": (lambda x, p: x if p["beta"] * x > p["threshold"] else softplus_plain(p["beta"] * x) / p["beta"],
                 lambda x, p: mpf(1) if p["beta"] * x > p["threshold"] else sigmoid(p["beta"] * x)),
    "hard_tanh": (lambda x, p: min(max(x, p["min"]), p["max"]), lambda x, p: step(p["min"] < x < p["max"])),
    "softshrink": (lambda x, p: x - p["lambda"] if x > p["lambda"] else (x + p["lambda"] if x < -p["lambda"] else mpf(0)),
                   lambda x, p: step(abs(x) > p["lambda"])),
    "hardshrink": (lambda x, p: x if abs(x) > p["lambda"] else mpf(0), lambda x, p: step(abs(x) > p["lambda"])),
    "threshold": (lambda x, p: x if x > p["threshold"] else p["value"], lambda x, p: step(x > p["threshold"])),
    "thresholded_relu": (lambda x, p: x if x > p["theta"] else mpf(0), lambda x, p: step(x > p["theta"])),
    "squareplus": (lambda x, p: (x + mpmath.sqrt(x ** 2 + p["b"])) / 2,
                   lambda x, p: (1 + x / mpmath.sqrt(x ** 2 + p["b"])) / 2),
    "isru": (lambda x, p: x / mpmath.sqrt(1 + p["alpha"] * x ** 2),
             lambda x, p: (1 + p["alpha"] * x ** 2) ** mpf(-1.5)),
}

# The specs exactly as Java's spec() prints them: every catalogue default, plus other parameters.
SPECS = [
    "identity", "sigmoid", "tanh", "relu", "relu6", "selu", "gelu", "gelu_tanh", "silu", "mish",
    "softsign", "log_sigmoid", "exponential", "hard_sigmoid", "hard_swish", "tanhshrink", "sparse_plus",
    "rational_tanh", "rectified_tanh", "cube", "sin", "gaussian", "bent_identity", "arctan",
    "leaky_relu(slope=0.01)", "leaky_relu(slope=0.2)",
    "prelu(slope=0.25)", "prelu(slope=-0.1)",
    "rrelu(lower=0.125, upper=0.33333334)", "rrelu(lower=0.1, upper=0.3)",
    "elu(alpha=1.0)", "elu(alpha=0.5)",
    "celu(alpha=1.0)", "celu(alpha=2.5)",
    "softplus(beta=1.0, threshold=20.0)", "softplus(beta=2.0, threshold=10.0)", "softplus(beta=0.5, threshold=20.0)",
    "hard_tanh(min=-1.0, max=1.0)", "hard_tanh(min=-2.0, max=0.5)",
    "softshrink(lambda=0.5)", "softshrink(lambda=1.5)",
    "hardshrink(lambda=0.5)", "hardshrink(lambda=0.25)",
    "threshold(threshold=0.0, value=0.0)", "threshold(threshold=1.0, value=-2.0)",
    "thresholded_relu(theta=1.0)", "thresholded_relu(theta=0.5)",
    "squareplus(b=4.0)", "squareplus(b=0.25)",
    "isru(alpha=1.0)", "isru(alpha=0.25)",
]


def parse_spec(spec):
    if "(" not in spec:
        return spec, {}
    name, rest = spec.split("(", 1)
    params = {}
    for part in rest.rstrip(")").split(","):
        key, value = part.split("=")
        params[key.strip()] = mpf(f32(float(value)))
    if name == "rrelu":
        # The inference slope is (lower + upper)/2 rounded to float32.
        params["s"] = mpf(f32((float(params["lower"]) + float(params["upper"])) / 2))
    return name, params


def converged(fn, x, p):
    """fn(x, p) at rising precision until two precisions agree to 45 significant digits."""
    dps = 60
    previous = None
    while dps <= 5000:
        with mpmath.workdps(dps):
            value = fn(mpf(x), p)
        if previous is not None:
            if value == 0 and previous == 0 and dps < 1000:
                # Both zero may be total cancellation: confirm once at far higher precision.
                with mpmath.workdps(1200):
                    confirm = fn(mpf(x), p)
                if confirm == 0 or abs(confirm) < mpf(10) ** -80:
                    return confirm
                previous = None
                dps = 1200
                continue
            if value == previous or abs(value - previous) <= abs(value) * mpf(10) ** -45:
                return value
            if abs(value) < mpf(10) ** -80 and abs(previous) < mpf(10) ** -80:
                # Far below the float range: the float result is a signed zero either way.
                return value
        previous = value
        dps *= 2
    raise RuntimeError("no convergence for %s at %r" % (fn, x))


def show(v):
    if v == 0:
        return "0.0"
    if abs(v) > mpf(10) ** 1000:
        return "Infinity" if v > 0 else "-Infinity"
    if abs(v) < mpf(10) ** -1000:
        return "0.0" if v > 0 else "-0.0"
    return mpmath.nstr(v, DIGITS, strip_zeros=True, min_fixed=0, max_fixed=0)


def sample_points():
    rng = random.Random(SEED)
    points = set()
    # Every power of two from the smallest subnormal to the largest binade, both signs.
    for e in range(-149, 128):
        points.add(f32(2.0 ** e))
        points.add(-f32(2.0 ** e))
    points.add(f32(3.4028234663852886e38))
    points.add(-f32(3.4028234663852886e38))
    # One random mantissa per normal binade and sign.
    for exponent_field in range(1, 255):
        for sign in (0, 1):
            bits = (sign << 31) | (exponent_field << 23) | rng.getrandbits(23)
            points.add(bits_to_f32(bits))
    # One random subnormal per subnormal binade and sign.
    for k in range(23):
        for sign in (0, 1):
            bits = (sign << 31) | ((1 << k) | rng.getrandbits(k) if k > 0 else 1)
            points.add(bits_to_f32(bits))
    # Dense where activations do their work.
    for _ in range(400):
        points.add(f32(rng.uniform(-20, 20)))
    for _ in range(100):
        points.add(f32(rng.uniform(-1, 1)))
    for _ in range(50):
        points.add(f32(rng.uniform(-100, 100)))
    # Around the kinks and parameter values of the specs, and the roots of f' (gelu, gelu_tanh,
    # silu, mish, negated below), with their float neighbours.
    kinks = [0.0, 0.5, 1.0, 1.5, 2.0, 3.0, 6.0, 0.25, 0.125, 1 / 3, 0.1, 0.3, 2.5, 10.0, 20.0, 40.0,
             # Roots of f' (mpmath findroot): gelu, gelu_tanh, silu, mish, where f' cancels.
             0.75179152469356446, 0.75246142207101626, 1.2784645427610738, 1.1924312145154952]
    for k in kinks:
        for s in (1.0, -1.0):
            v = f32(s * k)
            around = [v]
            for _ in range(2):
                around.append(next_up(around[-1]))
            down = v
            for _ in range(2):
                down = next_down(down)
                around.append(down)
            points.update(around)
    points.discard(-0.0)
    points = {p for p in points if p == p and abs(p) != float("inf")}
    return sorted(points)


def write_erfc_fixtures():
    """erfc(z) at double z, for the two double-precision erfc implementations (scalar and audit)."""
    rng = random.Random(SEED + 1)
    zs = {0.0, 0.46875, -0.46875, 4.0, -4.0, 3.0, 2.5, 26.5, 27.0, 1e-300, 5e-324, 1e-10, -1e-10}
    zs.update(rng.uniform(-6, 6) for _ in range(300))
    zs.update(rng.uniform(0, 27) for _ in range(300))
    zs.update(rng.uniform(0, 1e-3) for _ in range(20))
    with open(ERFC_OUT, "w", encoding="ascii", newline="\n") as out:
        out.write("# generated by src/test/python/generate_activation_fixtures.py (mpmath %s); do not edit\n"
                  % mpmath.__version__)
        out.write("# z_bits (double)\terfc(z)\n")
        for z in sorted(zs):
            bits = struct.unpack("<Q", struct.pack("<d", z))[0]
            out.write("%016x\t%s\n" % (bits, show(converged(lambda x, p: mpmath.erfc(x), z, {}))))
    print("wrote %d erfc points to %s" % (len(zs), os.path.normpath(ERFC_OUT)))


def main():
    write_erfc_fixtures()
    points = sample_points()
    rows = 0
    # mtime=0 and no file name in the gzip header: the same fixtures give the same bytes.
    with open(OUT, "wb") as raw, gzip.GzipFile(filename="", mode="wb", fileobj=raw, compresslevel=9, mtime=0) as gz, \
            io.TextIOWrapper(gz, encoding="ascii", newline="\n") as out:
        out.write("# generated by src/test/python/generate_activation_fixtures.py (mpmath %s); do not edit\n"
                  % mpmath.__version__)
        out.write("# spec\tx_bits\tf\tdf\n")
        for spec in SPECS:
            name, params = parse_spec(spec)
            value, slope = FUNCTIONS[name]
            for x in points:
                out.write("%s\t%08x\t%s\t%s\n" % (spec, f32_to_bits(x), show(converged(value, x, params)),
                                                  show(converged(slope, x, params))))
                rows += 1
    print("wrote %d rows (%d points x %d specs) to %s" % (rows, len(points), len(SPECS), os.path.normpath(OUT)))


if __name__ == "__main__":
    main()
