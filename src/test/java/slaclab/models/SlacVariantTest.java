package slaclab.models;

/** The checks every variant passes ({@link VariantTestBase}), for SLAC itself; its own checks are in SlacLatentModelTest. */
class SlacVariantTest extends VariantTestBase {
    @Override
    String variant() {
        return LatentModels.SLAC;
    }

    @Override
    int expectedLatentDim() {
        return Z1 + Z2;
    }
}
