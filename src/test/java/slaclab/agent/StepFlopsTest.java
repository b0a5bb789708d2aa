package slaclab.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import slaclab.models.ConvNets;
import slaclab.models.ModelConfig;

/**
 * The arithmetic bench's efficiency is measured against: the multiply-adds of the paper's networks, counted by hand
 * from Appendix B's layer table (output pixels x k^2 x inC x outC per convolution; input pixels x k^2 x inC x outC per
 * transposed convolution), and the step totals the speed issue states (148 GFLOP paper, 26.3 GFLOP classroom).
 */
class StepFlopsTest {
    @Test
    void encoderAndDecoderMultiplyAddsPerFrameAreAppendixBs() {
        long encoder = 32L * 32 * 5 * 5 * 3 * 32      // conv 32 5x5/2: 64 -> 32
                + 16L * 16 * 3 * 3 * 32 * 64          // conv 64 3x3/2: 32 -> 16
                + 8L * 8 * 3 * 3 * 64 * 128           // conv 128 3x3/2: 16 -> 8
                + 4L * 4 * 3 * 3 * 128 * 256          // conv 256 3x3/2: 8 -> 4
                + 1L * 1 * 4 * 4 * 256 * 256;         // conv 256 4x4 valid: 4 -> 1
        long decoder = 1L * 1 * 4 * 4 * 288 * 256     // transposed conv 256 4x4 from the 1x1 map of z
                + 4L * 4 * 3 * 3 * 256 * 128          // 128 3x3/2: 4 -> 8
                + 8L * 8 * 3 * 3 * 128 * 64           // 64 3x3/2: 8 -> 16
                + 16L * 16 * 3 * 3 * 64 * 32          // 32 3x3/2: 16 -> 32
                + 32L * 32 * 5 * 5 * 32 * 3;          // 3 5x5/2: 32 -> 64
        assertEquals(encoder, ConvNets.Encoder.macsPerFrame(256));
        assertEquals(decoder, ConvNets.Decoder.macsPerFrame(288));
        assertEquals(17.7e6, encoder, 0.05e6);
        assertEquals(17.8e6, decoder, 0.05e6);
    }

    @Test
    void stepTotalsAreTheSpeedIssuesCounts() {
        ModelConfig m = ModelConfig.paper(6, 0);
        AgentConfig a = AgentConfig.paper(6, 0);
        StepFlops paper = StepFlops.of(m, a, 32, 256);
        StepFlops classroom = StepFlops.of(m, a, 8, 32);
        assertEquals(148e9, paper.step(), 1e9, "paper sizes");
        assertEquals(26.3e9, classroom.step(), 0.2e9, "classroom sizes");
        // the model update is fwd + bwd (3x the forward) of encoder and decoder on B x 9 frames, and dominates it
        double convs = 3 * 2.0 * 32 * 9 * (ConvNets.Encoder.macsPerFrame(256) + ConvNets.Decoder.macsPerFrame(288));
        assertEquals(convs, paper.modelUpdate(), 0.03 * convs);
        // the actor-critic update is dominated by the encoder's forward pass over 256 x 9 frames
        double encoderForward = 2.0 * 256 * 9 * ConvNets.Encoder.macsPerFrame(256);
        assertEquals(encoderForward, paper.actorCriticUpdate(), 0.06 * encoderForward);
    }

    @Test
    void stateBaselineUpdateCountsEachNetworkPassByHand() {
        // walker: 24 state values, 6 actions, 2 x 1024 units, 256 transitions
        long actor = 24L * 1024 + 1024L * 1024 + 1024L * 12;
        long critic = 30L * 1024 + 1024L * 1024 + 1024L;
        // actor: forward at s' and at s, backward at s (2x); each critic: forward + backward (3x), target forward,
        // frozen forward and back to its input only (2x)
        double expected = 2.0 * 256 * (4 * actor + 2 * (3 + 1 + 2) * critic);
        AgentConfig a = new AgentConfig(6, 8, 0.99, 0.005, 3e-4, 0, 1024, 0);
        assertEquals(expected, StepFlops.stateBaseline(a, 24, 256), 1.0);
        assertEquals(8.86e9, expected, 0.01e9);
    }
}
