package slaclab.agent;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import slaclab.models.nn.Gaussians;

import java.util.HashMap;
import java.util.Map;

/**
 * The state baseline's losses and gradients ({@link SacBaseline#losses}: J_Q, J_pi, J(alpha)) from explicit matrix
 * products and hand-derived backward passes. SameDiff's executor spent more time between the ops of this small graph
 * than in them (about 55 ms of an update's 61 at 2 x 256 units) and back-propagated zeros through the Bellman
 * target's networks; here the target is computed forward only and each network's backward pass does only what its
 * loss needs. The graph stays the definition: a test holds the two to float32 agreement on fixed batches.
 * <p>
 * Shapes: B transitions, S state values, A action values; per-row values (heads, losses) in plain float arrays.
 */
final class DenseSacStep {
    /** The graph's scalar outputs and every trained variable's gradient, by variable name. */
    record Result(Map<String, Double> outputs, Map<String, INDArray> gradients) {
    }

    private final SacHeads heads;
    private final AgentConfig config;
    private final int stateDim;
    /** The twin critics on [s, a] (replayed action, trained) stacked over [s, a ~ pi(. | s)] (frozen, actor's loss). */
    private final DenseMlpPass q1, q2;
    private final DenseMlpPass q1Target, q2Target;
    /** The actor at s (trained) stacked over s' (the Bellman target's action). */
    private final DenseMlpPass actor;
    /** The actor for one state at a time (its own buffers: acting between updates would resize the update's). */
    private final DenseMlpPass acting;

    DenseSacStep(SacHeads heads, AgentConfig config, int stateDim) {
        this.heads = heads;
        this.config = config;
        this.stateDim = stateDim;
        this.q1 = new DenseMlpPass(heads.q1(), true);
        this.q2 = new DenseMlpPass(heads.q2(), true);
        this.q1Target = new DenseMlpPass(heads.q1Target(), false);
        this.q2Target = new DenseMlpPass(heads.q2Target(), false);
        this.actor = new DenseMlpPass(heads.pi(), true);
        this.acting = new DenseMlpPass(heads.pi(), false);
    }

    /**
     * The action for {@code state} [1, S], tanh(mean + std * eps) for eps [1, A]: the graph's "action", and its
     * "action_mean" tanh(mean) for eps = 0.
     */
    float[] act(INDArray state, INDArray eps) {
        return policy(acting.forward(state), eps, 1, config.actionDim()).action;
    }

    /**
     * @param in the graph's placeholders: obs, next_obs [B, S], act, eps, eps_next [B, A], rew, mask [B, 1]
     */
    Result run(Map<String, INDArray> in) {
        INDArray s = in.get("obs"), next = in.get("next_obs");
        int b = (int) s.size(0), a = config.actionDim();
        float[] reward = rowMajor(in.get("rew")), notDone = rowMajor(in.get("mask"));
        double logAlpha = heads.logAlpha().getArr().getDouble(0);
        float alpha = (float) Math.exp(logAlpha);
        float gamma = (float) config.discount();
        Map<String, INDArray> gradients = new HashMap<>();

        // The actor at s and s' in one pass [2B, 2A]: a ~ pi(. | s) for J_pi and J(alpha), a' ~ pi(. | s') for y.
        INDArray actorOut = actor.forward(Nd4j.vstack(s, next));
        Policy now = policy(rowRange(actorOut, 0, b), in.get("eps"), b, a);
        Policy nextPolicy = policy(rowRange(actorOut, b, 2 * b), in.get("eps_next"), b, a);

        // Bellman target, forward only: y = r + gamma * notDone * (min_i Qbar_i(s', a') - alpha log pi(a' | s')).
        INDArray nextIn = join(next, nextPolicy.action, b, a);
        float[] t1 = rowMajor(q1Target.forward(nextIn)), t2 = rowMajor(q2Target.forward(nextIn));
        float[] y = new float[b];
        for (int i = 0; i < b; i++) {
            float soft = Math.min(t1[i], t2[i]) - alpha * nextPolicy.logProb[i];
            y[i] = reward[i] + notDone[i] * soft * gamma;
        }

        // The critics on [s, a] (rows 0..B) and [s, a ~ pi] (rows B..2B) in one pass each.
        INDArray criticIn = Nd4j.vstack(join(s, rowMajor(in.get("act")), b, a), join(s, now.action, b, a));
        float[] q1Out = rowMajor(q1.forward(criticIn)), q2Out = rowMajor(q2.forward(criticIn));
        float[] dq1 = new float[2 * b], dq2 = new float[2 * b];

        // J_Q = 1/2 E[(Q_1(s, a) - y)^2] + 1/2 E[(Q_2(s, a) - y)^2] (SAC's Eq. 5 for each critic).
        double criticLoss1 = 0, criticLoss2 = 0, qSum = 0;
        for (int i = 0; i < b; i++) {
            float e1 = q1Out[i] - y[i], e2 = q2Out[i] - y[i];
            criticLoss1 += e1 * e1;
            criticLoss2 += e2 * e2;
            qSum += (q1Out[i] + q2Out[i]) * 0.5;
            dq1[i] = e1 / b;
            dq2[i] = e2 / b;
        }

        // J_pi = E[alpha log pi(a | s) - min_i Q_i(s, a)], a ~ pi(. | s), the critics frozen (rows B..2B).
        double actorLoss = 0, logProbSum = 0;
        for (int i = 0; i < b; i++) {
            float m1 = q1Out[b + i], m2 = q2Out[b + i];
            boolean first = m1 <= m2;
            actorLoss += alpha * now.logProb[i] - (first ? m1 : m2);
            logProbSum += now.logProb[i];
            (first ? dq1 : dq2)[b + i] = -1f / b;
        }
        // Weight gradients from J_Q's rows only; dL/d action from the frozen rows.
        float[] dAction = actionGradient(q1.backward(column(dq1), 2 * b, b, true, gradients), b, a);
        float[] dAction2 = actionGradient(q2.backward(column(dq2), 2 * b, b, true, gradients), b, a);
        for (int k = 0; k < dAction.length; k++) {
            dAction[k] += dAction2[k];
        }
        actor.backward(now.backward(dAction, alpha / b, b, a), b, b, false, gradients);

        // J(alpha) = E[-log alpha (log pi(a | s) + target entropy)], log pi held fixed.
        double meanLogProb = logProbSum / b;
        double entropyTerm = meanLogProb + config.targetEntropy();
        gradients.put(heads.logAlpha().name(), Nd4j.create(new float[]{(float) -entropyTerm}, new long[]{1}, DataType.FLOAT));

        Map<String, Double> outputs = new HashMap<>();
        outputs.put("critic_loss", 0.5 * criticLoss1 / b + 0.5 * criticLoss2 / b);
        outputs.put("actor_loss", actorLoss / b);
        outputs.put("alpha_loss", -logAlpha * entropyTerm);
        outputs.put("entropy", -meanLogProb);
        outputs.put("q_mean", qSum / b);
        return new Result(outputs, gradients);
    }

    private static INDArray rowRange(INDArray x, int from, int to) {
        return x.get(NDArrayIndex.interval(from, to), NDArrayIndex.all());
    }

    /** [x, a] as one [B, S + A] array. */
    private INDArray join(INDArray x, float[] action, int b, int a) {
        INDArray out = Nd4j.create(DataType.FLOAT, b, stateDim + a);
        out.get(NDArrayIndex.all(), NDArrayIndex.interval(0, stateDim)).assign(x);
        out.get(NDArrayIndex.all(), NDArrayIndex.interval(stateDim, stateDim + a))
                .assign(Nd4j.create(action, new long[]{b, a}, 'c'));
        return out;
    }

    /** The last A columns of dL/d[s, a] in rows B..2B of [2B, S + A] (the frozen rows), row-major [B * A]. */
    private float[] actionGradient(INDArray dInput, int b, int a) {
        return dInput.get(NDArrayIndex.interval(b, 2 * b), NDArrayIndex.interval(stateDim, stateDim + a)).dup('c')
                .data().asFloat();
    }

    /** The values of {@code x} in row-major order. */
    private static float[] rowMajor(INDArray x) {
        return x.reshape('c', new long[]{x.length()}).toFloatVector();
    }

    private static INDArray column(float[] values) {
        return Nd4j.create(values, new long[]{values.length, 1}, 'c');
    }

    /** The squashed Gaussian of the actor's output, row-major [B * A] arrays (see {@link SquashedGaussian}). */
    private Policy policy(INDArray out, INDArray eps, int b, int a) {
        float[] raw = rowMajor(out), e = rowMajor(eps);
        Policy p = new Policy(b, a);
        float log2 = (float) Math.log(2.0), halfLog2Pi = (float) Gaussians.HALF_LOG_2PI;
        for (int i = 0; i < b; i++) {
            float logProb = 0;
            for (int j = 0; j < a; j++) {
                int k = i * a + j;
                float rawLogStd = raw[i * 2 * a + a + j];
                float logStd = config.logStd().apply(rawLogStd);
                float std = (float) Math.exp(logStd);
                float u = raw[i * 2 * a + j] + std * e[k];
                float gaussLog = e[k] * e[k] * -0.5f - logStd - halfLog2Pi;
                float logDetJac = (log2 - u - softplus(-2f * u)) * 2f;
                logProb += gaussLog - logDetJac;
                p.rawLogStd[k] = rawLogStd;
                p.std[k] = std;
                p.eps[k] = e[k];
                p.action[k] = (float) Math.tanh(u);
            }
            p.logProb[i] = logProb;
        }
        return p;
    }

    /** log(1 + e^x) without overflow, as {@link Gaussians#softplus}. */
    private static float softplus(float x) {
        float abs = Math.abs(x);
        return (x + abs) * 0.5f + (float) Math.log1p(Math.exp(-abs));
    }

    /** One row-major policy sample and what its backward pass needs. */
    private final class Policy {
        final float[] rawLogStd, std, eps, action, logProb;

        Policy(int b, int a) {
            rawLogStd = new float[b * a];
            std = new float[b * a];
            eps = new float[b * a];
            action = new float[b * a];
            logProb = new float[b];
        }

        /**
         * dL/d(actor output) [B, 2A] from dL/d action [B * A] and dL/d log pi (the same for every row): with
         * u = mean + std * eps and a = tanh(u), d log pi / du = 2 tanh(u) (the log-Jacobian's derivative) and
         * d log pi / d log-std = -1 (the Gaussian's) plus the path through u.
         */
        INDArray backward(float[] dAction, float dLogProb, int b, int a) {
            float[] d = new float[b * 2 * a];
            for (int i = 0; i < b; i++) {
                for (int j = 0; j < a; j++) {
                    int k = i * a + j;
                    float t = action[k];
                    float du = dAction[k] * (1f - t * t) + dLogProb * 2f * t;
                    float dLogStd = du * std[k] * eps[k] - dLogProb;
                    d[i * 2 * a + j] = du;
                    d[i * 2 * a + a + j] = dLogStd * config.logStd().slope(rawLogStd[k]);
                }
            }
            return Nd4j.create(d, new long[]{b, 2L * a}, 'c');
        }
    }
}
