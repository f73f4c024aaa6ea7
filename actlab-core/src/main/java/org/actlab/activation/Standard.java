package org.actlab.activation;

import static org.actlab.activation.Traits.Cost.ARITHMETIC;
import static org.actlab.activation.Traits.Cost.CHEAP;
import static org.actlab.activation.Traits.Cost.TRANSCENDENTAL;

import java.util.Locale;

/**
 * The parameterless activations. Each is evaluated in double with a cancellation-free formula
 * and rounded once to float, which meets the 1 ULP contract of {@link Activation} (piecewise
 * linear ones are correctly rounded). NaN gives NaN for value and derivative; ±Inf gives the
 * limits listed with each constant. A constant's registry name ({@link #id()}, also its spec) is
 * its Java name in lower case: {@code LOG_SIGMOID} is {@code log_sigmoid}.
 */
public enum Standard implements Activation {

    /**
     * Identity: the "no activation" of a linear layer; stacks of such layers collapse to one matrix.
     * <pre>f(x) = x        f'(x) = 1</pre>
     * Range (-inf, inf); zero-centred; does not saturate. Alias {@code linear}.
     * Reference: Keras {@code linear}.
     */
    IDENTITY(Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 1, 1,
            new Traits("x", "1", "(-inf, inf)", true, false, true, CHEAP, "Keras activations.linear")) {
        @Override
        double valueInDouble(double x) {
            return x;
        }

        @Override
        double derivativeInDouble(double x) {
            return 1;
        }
    },

    /**
     * Logistic sigmoid.
     * <pre>f(x) = 1/(1 + e^{-x})        f'(x) = f(x) f(-x) = e^{-|x|}/(1 + e^{-|x|})²</pre>
     * Range (0, 1); not zero-centred (all outputs positive, so the weight gradients into one
     * neuron share a sign); saturates on both sides. Alias {@code logistic}.
     * Reference: Rumelhart, Hinton and Williams (1986); PyTorch {@code torch.sigmoid}.
     */
    SIGMOID(1, 0, 0, 0,
            new Traits("1/(1+exp(-x))", "f(x)(1-f(x))", "(0, 1)", false, true, true, TRANSCENDENTAL,
                    "Rumelhart, Hinton, Williams 1986; torch.sigmoid")) {
        @Override
        double valueInDouble(double x) {
            return ExactMath.sigmoid(x);
        }

        @Override
        double derivativeInDouble(double x) {
            return ExactMath.sigmoidSlope(x);
        }
    },

    /**
     * Hyperbolic tangent.
     * <pre>f(x) = tanh(x)        f'(x) = sech²(x) = 1 - tanh²(x)</pre>
     * Range (-1, 1); zero-centred; saturates on both sides. Reference: LeCun et al., "Efficient
     * BackProp" (1998); PyTorch {@code torch.tanh}.
     */
    TANH(1, -1, 0, 0,
            new Traits("tanh(x)", "1-tanh(x)^2", "(-1, 1)", true, true, true, TRANSCENDENTAL,
                    "LeCun et al. 1998, Efficient BackProp; torch.tanh")) {
        @Override
        double valueInDouble(double x) {
            return Math.tanh(x);
        }

        @Override
        double derivativeInDouble(double x) {
            return ExactMath.sech2(x);
        }
    },

    /**
     * Rectified linear unit.
     * <pre>f(x) = x if x > 0, else 0        f'(x) = 1 if x > 0, else 0</pre>
     * At the kink f'(0) = 0 (a strict {@code x > 0} select, as PyTorch). Range [0, inf); not
     * zero-centred; does not saturate for x > 0 but has zero gradient for x &lt; 0, so a unit whose
     * pre-activations all become negative dies. Reference: Nair and Hinton (2010).
     */
    RELU(Float.POSITIVE_INFINITY, 0, 1, 0,
            new Traits("max(0, x)", "1 if x > 0, else 0 (0 at x = 0)", "[0, inf)", false, true, true,
                    CHEAP, "Nair, Hinton 2010; torch.relu")) {
        @Override
        double valueInDouble(double x) {
            return x > 0 ? x : 0;
        }

        @Override
        double derivativeInDouble(double x) {
            return x > 0 ? 1 : 0;
        }
    },

    /**
     * ReLU capped at 6.
     * <pre>f(x) = min(max(0, x), 6)        f'(x) = 1 if 0 &lt; x &lt; 6, else 0</pre>
     * f' is 0 at both corners, 0 and 6 (PyTorch's hardtanh backward). Range [0, 6]; not
     * zero-centred; saturates for x > 6. Reference: Krizhevsky (2010), "Convolutional Deep Belief
     * Networks on CIFAR-10"; PyTorch {@code ReLU6}.
     */
    RELU6(6, 0, 0, 0,
            new Traits("min(max(0, x), 6)", "1 if 0 < x < 6, else 0 (0 at both corners)", "[0, 6]", false,
                    true, true, CHEAP, "Krizhevsky 2010; torch.nn.ReLU6")) {
        @Override
        double valueInDouble(double x) {
            return x <= 0 ? 0 : Math.min(x, 6);
        }

        @Override
        double derivativeInDouble(double x) {
            return x > 0 && x < 6 ? 1 : 0;
        }
    },

    /**
     * Scaled exponential linear unit, with the exact constants of the paper,
     * alpha = 1.6732632423543772848170429916717 and scale = 1.0507009873554804934193349852946.
     * <pre>
     * f(x) = scale x                  if x > 0
     *        scale alpha (e^x - 1)    if x &lt;= 0
     * f'(x) = scale if x > 0, else scale alpha e^x</pre>
     * At 0 the x &lt;= 0 branch is used: f'(0) = scale alpha ≈ 1.7581. Range (-scale alpha, inf);
     * approximately zero-centred (self-normalising); saturates for x to -inf.
     * Reference: Klambauer et al., "Self-Normalizing Neural Networks" (2017).
     */
    SELU(Float.POSITIVE_INFINITY, (float) (-SeluConstants.SCALE * SeluConstants.ALPHA), (float) SeluConstants.SCALE, 0,
            new Traits("scale*x if x > 0, else scale*alpha*(exp(x)-1)", "scale if x > 0, else scale*alpha*exp(x)",
                    "(-1.7581, inf)", true, true, true, TRANSCENDENTAL, "Klambauer et al. 2017")) {
        @Override
        double valueInDouble(double x) {
            return x > 0 ? SeluConstants.SCALE * x : SeluConstants.SCALE * (SeluConstants.ALPHA * Math.expm1(x));
        }

        @Override
        double derivativeInDouble(double x) {
            return x > 0 ? SeluConstants.SCALE : SeluConstants.SCALE * (SeluConstants.ALPHA * Math.exp(x));
        }
    },

    /**
     * Gaussian error linear unit, exact (erf) form.
     * <pre>f(x) = x Phi(x) = x erfc(-x/sqrt 2)/2        f'(x) = Phi(x) + x phi(x)</pre>
     * with phi the standard normal density. Range [-0.17, inf); not zero-centred; does not
     * saturate for x > 0. Reference: Hendrycks and Gimpel (2016); PyTorch {@code gelu}.
     */
    GELU(Float.POSITIVE_INFINITY, -0f, 1, 0,
            new Traits("x*Phi(x)", "Phi(x) + x*phi(x)", "[-0.17, inf)", false, true, false, TRANSCENDENTAL,
                    "Hendrycks, Gimpel 2016; torch.nn.functional.gelu")) {
        @Override
        double valueInDouble(double x) {
            return x * ExactMath.normalCdf(x);
        }

        @Override
        double derivativeInDouble(double x) {
            return ExactMath.normalCdf(x) + x * ExactMath.normalPdf(x);
        }
    },

    /**
     * GELU, tanh approximation.
     * <pre>f(x) = x (1 + tanh(u))/2 = x sigma(2u),  u = sqrt(2/pi) (x + 0.044715 x³)
     * f'(x) = sigma(2u) + 2 x u' sigma'(2u),  u' = sqrt(2/pi) (1 + 3·0.044715 x²)</pre>
     * Range [-0.17, inf); not zero-centred; does not saturate for x > 0.
     * Reference: Hendrycks and Gimpel (2016); PyTorch {@code gelu(approximate='tanh')}.
     */
    GELU_TANH(Float.POSITIVE_INFINITY, -0f, 1, 0,
            new Traits("0.5*x*(1+tanh(sqrt(2/pi)*(x+0.044715*x^3)))",
                    "sigma(2u) + 2x*u'*sigma'(2u), u = sqrt(2/pi)*(x+0.044715x^3)", "[-0.17, inf)", false, true,
                    false, TRANSCENDENTAL, "Hendrycks, Gimpel 2016; torch gelu(approximate='tanh')")) {
        @Override
        double valueInDouble(double x) {
            return x * ExactMath.sigmoid(2 * GeluTanh.u(x));
        }

        @Override
        double derivativeInDouble(double x) {
            double twoU = 2 * GeluTanh.u(x);
            return ExactMath.sigmoid(twoU) + x * (2 * GeluTanh.uSlope(x)) * ExactMath.sigmoidSlope(twoU);
        }
    },

    /**
     * Sigmoid linear unit (swish with beta = 1).
     * <pre>f(x) = x sigma(x)        f'(x) = sigma(x) (1 + x sigma(-x))</pre>
     * Range [-0.278, inf); not zero-centred; does not saturate for x > 0. Alias {@code swish}.
     * Reference: Elfwing et al. (2017); Ramachandran et al. (2017); PyTorch {@code silu}.
     */
    SILU(Float.POSITIVE_INFINITY, -0f, 1, 0,
            new Traits("x*sigma(x)", "sigma(x)*(1 + x*(1-sigma(x)))", "[-0.278, inf)", false, true, false,
                    TRANSCENDENTAL, "Elfwing et al. 2017; Ramachandran et al. 2017; torch silu")) {
        @Override
        double valueInDouble(double x) {
            return x * ExactMath.sigmoid(x);
        }

        @Override
        double derivativeInDouble(double x) {
            return ExactMath.sigmoid(x) * (1 + x * ExactMath.sigmoid(-x));
        }
    },

    /**
     * Mish.
     * <pre>f(x) = x tanh(softplus(x))        f'(x) = g(x) + x g'(x),  g = tanh∘softplus,
     * g' = sech²(softplus(x)) sigma(x)</pre>
     * Evaluated through e = e^x as g = n/(n+2), n = e(e+2) for x &lt;= 0, and through t = e^{-x}
     * as g = (1+2t)/(1+2t+2t²) for x > 0, so neither tail overflows nor cancels.
     * Range [-0.309, inf); not zero-centred; does not saturate for x > 0.
     * Reference: Misra, "Mish: A Self Regularized Non-Monotonic Activation Function" (2019).
     */
    MISH(Float.POSITIVE_INFINITY, -0f, 1, 0,
            new Traits("x*tanh(softplus(x))", "tanh(sp(x)) + x*sech^2(sp(x))*sigma(x)", "[-0.309, inf)", false,
                    true, false, TRANSCENDENTAL, "Misra 2019")) {
        @Override
        double valueInDouble(double x) {
            return x * Mish.g(x);
        }

        @Override
        double derivativeInDouble(double x) {
            return Mish.g(x) + x * Mish.gSlope(x);
        }
    },

    /**
     * Softsign.
     * <pre>f(x) = x/(1 + |x|)        f'(x) = 1/(1 + |x|)²</pre>
     * Range (-1, 1); zero-centred; saturates (polynomially) on both sides.
     * Reference: Bergstra et al. (2009); Glorot and Bengio (2010).
     */
    SOFTSIGN(1, -1, 0, 0,
            new Traits("x/(1+|x|)", "1/(1+|x|)^2", "(-1, 1)", true, true, true, ARITHMETIC,
                    "Bergstra et al. 2009; Glorot, Bengio 2010")) {
        @Override
        double valueInDouble(double x) {
            return x / (1 + Math.abs(x));
        }

        @Override
        double derivativeInDouble(double x) {
            double d = 1 + Math.abs(x);
            return 1 / (d * d);
        }
    },

    /**
     * Log-sigmoid.
     * <pre>f(x) = log sigma(x) = -softplus(-x) = min(x, 0) - log1p(e^{-|x|})        f'(x) = sigma(-x)</pre>
     * Range (-inf, 0); not zero-centred; saturates for x to +inf. Reference: PyTorch {@code logsigmoid}.
     */
    LOG_SIGMOID(-0f, Float.NEGATIVE_INFINITY, 0, 1,
            new Traits("log(sigma(x))", "sigma(-x)", "(-inf, 0)", false, true, true, TRANSCENDENTAL,
                    "torch.nn.functional.logsigmoid")) {
        @Override
        double valueInDouble(double x) {
            return Math.min(x, 0) - Math.log1p(Math.exp(-Math.abs(x)));
        }

        @Override
        double derivativeInDouble(double x) {
            return ExactMath.sigmoid(-x);
        }
    },

    /**
     * Exponential.
     * <pre>f(x) = e^x        f'(x) = e^x</pre>
     * Range (0, inf); not zero-centred; saturates for x to -inf. Reference: Keras {@code exponential}.
     */
    EXPONENTIAL(Float.POSITIVE_INFINITY, 0, Float.POSITIVE_INFINITY, 0,
            new Traits("exp(x)", "exp(x)", "(0, inf)", false, true, true, TRANSCENDENTAL,
                    "Keras activations.exponential")) {
        @Override
        double valueInDouble(double x) {
            return Math.exp(x);
        }

        @Override
        double derivativeInDouble(double x) {
            return Math.exp(x);
        }
    },

    /**
     * Hard sigmoid, PyTorch's definition relu6(x + 3)/6.
     * <pre>
     * f(x) = 0          if x &lt;= -3
     *        x/6 + 1/2  if -3 &lt; x &lt; 3
     *        1          if x >= 3
     * f'(x) = 1/6 on the open interval (-3, 3), else 0</pre>
     * f' is 0 at both corners. Range [0, 1]; not zero-centred; saturates on both sides.
     * Reference: PyTorch {@code Hardsigmoid}; Howard et al., "Searching for MobileNetV3" (2019).
     */
    HARD_SIGMOID(1, 0, 0, 0,
            new Traits("0 if x <= -3; x/6 + 1/2 if -3 < x < 3; 1 if x >= 3", "1/6 on (-3, 3), else 0 (0 at both corners)",
                    "[0, 1]", false, true, true, CHEAP, "Howard et al. 2019; torch.nn.Hardsigmoid")) {
        @Override
        double valueInDouble(double x) {
            if (x <= -3) {
                return 0;
            }
            return x >= 3 ? 1 : x / 6 + 0.5;
        }

        @Override
        double derivativeInDouble(double x) {
            return x > -3 && x < 3 ? 1.0 / 6 : 0;
        }
    },

    /**
     * Hard swish, x times the hard sigmoid.
     * <pre>
     * f(x) = 0            if x &lt;= -3
     *        x (x + 3)/6  if -3 &lt; x &lt; 3
     *        x            if x >= 3
     * f'(x) = 0 if x &lt; -3;  x/3 + 1/2 if -3 &lt;= x &lt;= 3;  1 if x > 3</pre>
     * The kinks take PyTorch's values: f'(-3) = -0.5 and f'(3) = 1.5.
     * Range [-0.375, inf); not zero-centred; does not saturate for x > 0. Alias {@code hard_silu}.
     * Reference: Howard et al., "Searching for MobileNetV3" (2019); PyTorch {@code Hardswish}.
     */
    HARD_SWISH(Float.POSITIVE_INFINITY, 0, 1, 0,
            new Traits("0 if x <= -3; x(x+3)/6 if -3 < x < 3; x if x >= 3",
                    "0 if x < -3; x/3 + 1/2 if -3 <= x <= 3; 1 if x > 3 (-0.5 at -3, 1.5 at 3)", "[-0.375, inf)",
                    false, true, false, ARITHMETIC, "Howard et al. 2019; torch.nn.Hardswish")) {
        @Override
        double valueInDouble(double x) {
            if (x <= -3) {
                return 0;
            }
            return x >= 3 ? x : x * (x + 3) / 6;
        }

        @Override
        double derivativeInDouble(double x) {
            if (x < -3) {
                return 0;
            }
            return x <= 3 ? x / 3 + 0.5 : 1;
        }
    },

    /**
     * Tanh-shrink.
     * <pre>f(x) = x - tanh(x)        f'(x) = tanh²(x)</pre>
     * Near 0, f(x) ≈ x³/3 is evaluated from its Taylor series, so tiny inputs keep their digits.
     * Range (-inf, inf); zero-centred; does not saturate. Reference: PyTorch {@code Tanhshrink}.
     */
    TANHSHRINK(Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 1, 1,
            new Traits("x - tanh(x)", "tanh(x)^2", "(-inf, inf)", true, false, true, TRANSCENDENTAL,
                    "torch.nn.Tanhshrink")) {
        @Override
        double valueInDouble(double x) {
            return ExactMath.tanhShrink(x);
        }

        @Override
        double derivativeInDouble(double x) {
            double t = Math.tanh(x);
            return t * t;
        }
    },

    /**
     * Sparse plus, Keras's smooth ReLU.
     * <pre>
     * f(x) = 0           if x &lt;= -1
     *        (x + 1)²/4  if -1 &lt; x &lt; 1
     *        x           if x >= 1
     * f'(x) = 0 if x &lt;= -1;  (x + 1)/2 if -1 &lt; x &lt; 1;  1 if x >= 1</pre>
     * f' is continuous, so no kink value needs choosing. Range [0, inf); not zero-centred;
     * does not saturate for x > 0. Reference: Keras {@code sparse_plus}.
     */
    SPARSE_PLUS(Float.POSITIVE_INFINITY, 0, 1, 0,
            new Traits("0 if x <= -1; (x+1)^2/4 if -1 < x < 1; x if x >= 1", "0 if x <= -1; (x+1)/2 if -1 < x < 1; 1 if x >= 1",
                    "[0, inf)", false, true, true, ARITHMETIC, "Keras activations.sparse_plus")) {
        @Override
        double valueInDouble(double x) {
            if (x <= -1) {
                return 0;
            }
            if (x >= 1) {
                return x;
            }
            double s = x + 1;
            return s * s / 4;
        }

        @Override
        double derivativeInDouble(double x) {
            if (x <= -1) {
                return 0;
            }
            return x >= 1 ? 1 : (x + 1) / 2;
        }
    },

    /**
     * DL4J's rational approximation of LeCun's scaled tanh 1.7159 tanh(2x/3).
     * <pre>f(x) = 1.7159 sgn(y) (1 - 1/a),  y = 2x/3,  a = 1 + |y| + y² + 1.41645 y⁴
     * f'(x) = 1.7159 (2/3) (1 + 2|y| + 4·1.41645 |y|³)/a²</pre>
     * Evaluated as 1.7159 sgn(y) (a - 1)/a so that small inputs keep their digits.
     * Range (-1.7159, 1.7159); zero-centred; saturates on both sides.
     * Reference: DL4J {@code ActivationRationalTanh}; arXiv:1508.01292.
     */
    RATIONAL_TANH((float) RationalTanh.SCALE, (float) -RationalTanh.SCALE, 0, 0,
            new Traits("1.7159*sgn(y)*(1 - 1/(1+|y|+y^2+1.41645y^4)), y = 2x/3",
                    "1.7159*(2/3)*(1 + 2|y| + 5.6658|y|^3)/(1+|y|+y^2+1.41645y^4)^2", "(-1.7159, 1.7159)", true, true,
                    true, ARITHMETIC, "DL4J ActivationRationalTanh; arXiv:1508.01292")) {
        @Override
        double valueInDouble(double x) {
            return RationalTanh.value(x);
        }

        @Override
        double derivativeInDouble(double x) {
            return RationalTanh.slope(x);
        }
    },

    /**
     * Rectified tanh.
     * <pre>f(x) = max(0, tanh(x))        f'(x) = sech²(x) if x > 0, else 0</pre>
     * f'(0) = 0. Range [0, 1); not zero-centred; saturates on both sides.
     * Reference: DL4J {@code ActivationRectifiedTanh}.
     */
    RECTIFIED_TANH(1, 0, 0, 0,
            new Traits("max(0, tanh(x))", "1-tanh(x)^2 if x > 0, else 0 (0 at x = 0)", "[0, 1)", false, true, true,
                    TRANSCENDENTAL, "DL4J ActivationRectifiedTanh")) {
        @Override
        double valueInDouble(double x) {
            return x > 0 ? Math.tanh(x) : 0;
        }

        @Override
        double derivativeInDouble(double x) {
            return x > 0 ? ExactMath.sech2(x) : 0;
        }
    },

    /**
     * Cube.
     * <pre>f(x) = x³        f'(x) = 3x²</pre>
     * Range (-inf, inf); zero-centred; does not saturate (f'(0) = 0 only at a point).
     * Reference: Chen and Manning (2014); DL4J {@code ActivationCube}.
     */
    CUBE(Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY, Float.POSITIVE_INFINITY,
            new Traits("x^3", "3x^2", "(-inf, inf)", true, false, true, ARITHMETIC,
                    "Chen, Manning 2014; DL4J ActivationCube")) {
        @Override
        double valueInDouble(double x) {
            return x * x * x;
        }

        @Override
        double derivativeInDouble(double x) {
            return 3 * (x * x);
        }
    },

    /**
     * Sine.
     * <pre>f(x) = sin(x)        f'(x) = cos(x)</pre>
     * No limit at ±inf (NaN). Range [-1, 1]; zero-centred; does not saturate (f' = cos x keeps
     * returning to ±1); periodic, not monotonic.
     * Reference: Sitzmann et al., "Implicit Neural Representations with Periodic Activation
     * Functions" (SIREN, 2020).
     */
    SIN(Float.NaN, Float.NaN, Float.NaN, Float.NaN,
            new Traits("sin(x)", "cos(x)", "[-1, 1]", true, false, false, TRANSCENDENTAL, "Sitzmann et al. 2020")) {
        @Override
        double valueInDouble(double x) {
            return Math.sin(x);
        }

        @Override
        double derivativeInDouble(double x) {
            return Math.cos(x);
        }
    },

    /**
     * Gaussian bump.
     * <pre>f(x) = e^{-x²}        f'(x) = -2x e^{-x²}</pre>
     * Range (0, 1]; not zero-centred; saturates on both sides; not monotonic.
     * Reference: radial basis function networks, Broomhead and Lowe (1988).
     */
    GAUSSIAN(0, 0, -0f, 0,
            new Traits("exp(-x^2)", "-2x*exp(-x^2)", "(0, 1]", false, true, false, TRANSCENDENTAL,
                    "Broomhead, Lowe 1988")) {
        @Override
        double valueInDouble(double x) {
            return Math.exp(-(x * x));
        }

        @Override
        double derivativeInDouble(double x) {
            return -2 * x * Math.exp(-(x * x));
        }
    },

    /**
     * Bent identity.
     * <pre>f(x) = (sqrt(x² + 1) - 1)/2 + x        f'(x) = x/(2 sqrt(x² + 1)) + 1</pre>
     * Evaluated as x²/(2(sqrt(x² + 1) + 1)) + x, so small inputs do not cancel.
     * Range (-inf, inf); zero-centred (f(0) = 0); does not saturate (f' in (1/2, 3/2)).
     * Reference: DL4J {@code ActivationBentIdentity}.
     */
    BENT_IDENTITY(Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 1.5f, 0.5f,
            new Traits("(sqrt(x^2+1)-1)/2 + x", "x/(2*sqrt(x^2+1)) + 1", "(-inf, inf)", true, false, true, ARITHMETIC,
                    "DL4J ActivationBentIdentity")) {
        @Override
        double valueInDouble(double x) {
            double x2 = x * x;
            // x + (+0) would turn -0 into +0; the function is odd at 0, so keep the sign.
            return x == 0 ? x : x2 / (2 * (Math.sqrt(x2 + 1) + 1)) + x;
        }

        @Override
        double derivativeInDouble(double x) {
            return x / (2 * Math.sqrt(x * x + 1)) + 1;
        }
    },

    /**
     * Arctangent.
     * <pre>f(x) = atan(x)        f'(x) = 1/(1 + x²)</pre>
     * Range (-pi/2, pi/2); zero-centred; saturates (polynomially) on both sides.
     * Reference: DL4J and Keras-contrib {@code arctan}; Glorot and Bengio (2010) compare it.
     */
    ARCTAN((float) (Math.PI / 2), (float) (-Math.PI / 2), 0, 0,
            new Traits("atan(x)", "1/(1+x^2)", "(-pi/2, pi/2)", true, true, true, TRANSCENDENTAL,
                    "Glorot, Bengio 2010; DL4J")) {
        @Override
        double valueInDouble(double x) {
            return Math.atan(x);
        }

        @Override
        double derivativeInDouble(double x) {
            return 1 / (1 + x * x);
        }
    };

    /** The registry name: the constant's name in lower case. */
    private final String id = name().toLowerCase(Locale.ROOT);
    private final float valueAtPlusInfinity;
    private final float valueAtMinusInfinity;
    private final float derivativeAtPlusInfinity;
    private final float derivativeAtMinusInfinity;
    private final Traits traits;

    Standard(float valueAtPlusInfinity, float valueAtMinusInfinity, float derivativeAtPlusInfinity,
             float derivativeAtMinusInfinity, Traits traits) {
        this.valueAtPlusInfinity = valueAtPlusInfinity;
        this.valueAtMinusInfinity = valueAtMinusInfinity;
        this.derivativeAtPlusInfinity = derivativeAtPlusInfinity;
        this.derivativeAtMinusInfinity = derivativeAtMinusInfinity;
        this.traits = traits;
    }

    /** f at a finite x, in double, accurate to a few double ULPs. */
    abstract double valueInDouble(double x);

    /** f' at a finite x, in double, accurate to a few double ULPs. */
    abstract double derivativeInDouble(double x);

    @Override
    public final String id() {
        return id;
    }

    @Override
    public final float apply(float x) {
        if (Float.isNaN(x)) {
            return x;
        }
        if (Float.isInfinite(x)) {
            return x > 0 ? valueAtPlusInfinity : valueAtMinusInfinity;
        }
        return (float) valueInDouble(x);
    }

    @Override
    public final float derivative(float x) {
        if (Float.isNaN(x)) {
            return x;
        }
        if (Float.isInfinite(x)) {
            return x > 0 ? derivativeAtPlusInfinity : derivativeAtMinusInfinity;
        }
        return (float) derivativeInDouble(x);
    }

    @Override
    public final Traits traits() {
        return traits;
    }

    /** The constants of Klambauer et al. (2017), to the double nearest their 32-digit values. */
    static final class SeluConstants {
        static final double ALPHA = 1.6732632423543772848170429916717;
        static final double SCALE = 1.0507009873554804934193349852946;

        private SeluConstants() {
        }
    }

    /** The argument u of the tanh in the tanh form of GELU, and its derivative. */
    static final class GeluTanh {
        static final double SQRT_2_OVER_PI = 0.79788456080286535588;
        static final double CUBIC = 0.044715;

        private GeluTanh() {
        }

        static double u(double x) {
            // x and 0.044715 x³ have the same sign: the sum never cancels.
            return SQRT_2_OVER_PI * (x + CUBIC * (x * x * x));
        }

        static double uSlope(double x) {
            return SQRT_2_OVER_PI * (1 + 3 * CUBIC * (x * x));
        }
    }

    /** g = tanh(softplus(x)) and g', in forms without overflow or cancellation (see {@link #MISH}). */
    static final class Mish {
        private Mish() {
        }

        static double g(double x) {
            if (x <= 0) {
                double e = Math.exp(x);
                double n = e * (e + 2);
                return n / (n + 2);
            }
            double t = Math.exp(-x);
            return (1 + 2 * t) / (1 + 2 * t + 2 * t * t);
        }

        static double gSlope(double x) {
            if (x <= 0) {
                double e = Math.exp(x);
                double d = e * (e + 2) + 2;
                return 4 * e * (1 + e) / (d * d);
            }
            double t = Math.exp(-x);
            double d = 1 + 2 * t + 2 * t * t;
            return 4 * t * t * (1 + t) / (d * d);
        }
    }

    /** DL4J's rational tanh; the constants are the decimal values DL4J uses. */
    static final class RationalTanh {
        static final double SCALE = 1.7159;
        static final double QUARTIC = 1.41645;

        private RationalTanh() {
        }

        static double value(double x) {
            double y = Math.abs(2 * x / 3);
            double y2 = y * y;
            double rest = y + y2 + QUARTIC * (y2 * y2);
            // 1 - 1/a = (a - 1)/a: no cancellation for small y.
            return Math.copySign(SCALE * (rest / (1 + rest)), x);
        }

        static double slope(double x) {
            double y = Math.abs(2 * x / 3);
            double y2 = y * y;
            double a = 1 + y + y2 + QUARTIC * (y2 * y2);
            // Divide twice rather than by a² which would overflow double for |x| near Float.MAX_VALUE.
            return SCALE * (2.0 / 3) * ((1 + 2 * y + 4 * QUARTIC * (y2 * y)) / a / a);
        }
    }
}
