package slaclab.rendering;

/**
 * A small CPU ray caster: one primary ray per sample, nearest hit among the scene's primitives, shading by
 * a headlight plus one shadow-casting directional light, sky gradient where nothing is hit.
 * Anti-aliasing uses n x n samples per pixel on a sheared grid (every sample has its own row and column
 * offset, so thin horizontal and vertical parts such as a cartpole rail keep partial coverage).
 * Colours are clamped to 1 per sample (like a framebuffer) before the samples are averaged.
 * <p>
 * Per frame, each primitive's bounding sphere and bounding box are projected to a conservative pixel
 * rectangle, so a pixel only tests the few primitives that can cover it; likewise each primitive's box is
 * projected along the light so a shadow ray only tests primitives whose footprint contains it.
 * Pixels that no primitive can cover show only sky, which depends on the camera's orientation alone: their
 * colours are cached and reused while the orientation, field of view and sky stay the same (tracking cameras
 * move but do not turn), giving the same bytes as tracing them.
 * The pixel rectangles are narrowed per pixel by a cone test against each primitive's bounding capsule (thin
 * limbs seen at an angle no longer claim their whole rectangle) and, for finite planes, by the plane's outline.
 * <p>
 * Adaptive anti-aliasing (the default): a pixel that only one primitive can cover first asks for the rays
 * through its four corners, each traced once per frame and shared by the four pixels around it. If all four hit
 * that primitive in the same texture cell, with normals within about 3.6 degrees, colours within 0.04 and no
 * caster's light footprint overlapping the patch, the pixel is the mean of its corners (flat floor, box faces,
 * large bodies). A floor pixel that fails only on the checker (its corners lie in different cells) gets all its
 * samples, shaded without shadow rays. Every other pixel (silhouettes, thin parts, shadow edges, pixels two
 * primitives may share) traces all its samples exactly as without adaptivity, so thin parts keep their coverage.
 * <p>
 * Scratch buffers are reused: after the first frame of a scene, rendering allocates nothing.
 * Not thread-safe; use one caster per thread (or per environment).
 */
public final class RayCaster {
    /** Offset of shadow-ray origins along the surface normal, in metres. */
    private static final double SHADOW_BIAS = 1e-4;
    private static final double PRIMARY_T_MIN = 1e-9;
    /** Adaptive anti-aliasing: largest per-channel colour difference (0..1) between a smooth pixel's corners. */
    private static final double COLOUR_SPREAD = 0.04;
    /** Adaptive anti-aliasing: smallest cosine between a smooth pixel's corner normals (about 3.6 degrees). */
    private static final double NORMAL_AGREEMENT = 0.998;

    private final int width;
    private final int height;
    private final int samplesPerPixel;
    private final double[] sampleOffsets; // (x, y) in [0, 1) per sample
    private double[] cameraDirections = new double[0]; // unit directions in camera axes (right, up, back)
    private double[] pixelCentres = new double[0];     // unit direction through each pixel's centre, camera axes
    private double pixelSin;                           // sine of the largest angle from a pixel centre to its corner
    private double cachedFovy = Double.NaN;
    private double tanHalfX;
    private double tanHalfY;

    // per-primitive scratch, grown with the scene
    private Primitive[] prims = new Primitive[0];
    private double[] localEye = new double[0];   // camera position in each primitive's frame
    private double[] centre = new double[0];     // primitive position relative to the camera
    private double[] centreDistance2 = new double[0];
    private double[] radius = new double[0];
    private double[] localLight = new double[0]; // direction to the light in each primitive's frame
    private double[] lightBox = new double[0];
    private final double[] shadowBox = new double[5]; // the union of all light boxes  // footprint across the light and reach towards it
    private int[] rectangle = new int[0];        // colMin, colMax, rowMin, rowMax
    // planes: a ray through pixel corner (col, row) can only hit when A col + B row + C > 0 (linear in the image)
    private double[] planeSide = new double[0];  // A, B, C, max(0,A) + max(0,B); NaN A for other primitives
    private int[] candidates = new int[0];
    // each primitive's bounding capsule relative to the camera: segment start A, segment vector U, A.A, A.U, U.U,
    // radius, and the farthest distance of a capsule point from the eye (NaN radius: unbounded, never culled)
    private double[] capsule = new double[0];
    // finite planes: the edges of the plane's outline in the image (pixel units), A col + B row + C >= 0 inside,
    // and max(0, A) + max(0, B), which moves the test to a pixel's best corner
    private static final int MAX_EDGES = 5;
    private double[] planeEdges = new double[0];
    private int[] planeEdgeCount = new int[0];
    private final double[] polygon = new double[3 * (MAX_EDGES + 1)];
    private final double[] clipped = new double[2 * (MAX_EDGES + 1)];

    // sky colour per pixel (red, green, blue as bytes) for the camera orientation in skyAxes
    private byte[] skyPixels = new byte[0];
    private final double[] skyAxes = new double[9];
    private double skyFovy = Double.NaN;
    private Rgb skyTopCached;
    private Rgb skyBottomCached;

    // adaptive anti-aliasing: one ray per pixel corner, shared by the four pixels around it, traced lazily
    private final boolean adaptive;
    private final double[] cornerDirections;        // unit directions in camera axes, (width+1) x (height+1)
    private final int[] cornerFrame;                // frame number in which the corner was traced
    private final int[] cornerHit;                  // primitive hit, -1 for sky
    private final long[] cornerCell;                // texture cell of the hit
    private final double[] cornerColour;            // clamped colour, 3 per corner
    private final double[] cornerLight;
    private final double[] cornerNormal;            // world normal at the hit (towards the eye)             // shadow-ray origin in light coordinates (a, b, along)
    private int[] cornerCandidates = new int[0];
    private int[] rowCandidates = new int[0];
    private int frame;
    // what the last trace hit (set by trace)
    private int traceHit;
    private double tracePx; // local hit point
    private double tracePy;
    private double tracePz;
    private double traceA;
    private double traceB;
    private double traceAlong;
    private double traceNx;
    private double traceNy;
    private double traceNz;

    private final double[] point = new double[3];
    private final double[] colour = new double[3];
    private final double[] extent = new double[3];
    private final double[] lightU = new double[3];
    private final double[] lightV = new double[3];

    /**
     * @param width          image width in pixels
     * @param height         image height in pixels
     * @param samplesPerAxis anti-aliasing: samplesPerAxis^2 rays per pixel (1 disables anti-aliasing)
     */
    public RayCaster(int width, int height, int samplesPerAxis) {
        this(width, height, samplesPerAxis, true);
    }

    /**
     * @param adaptive whether to supersample only where the picture changes within a pixel (see the class
     *                 comment); false traces every sample of every pixel that any primitive can cover
     */
    public RayCaster(int width, int height, int samplesPerAxis, boolean adaptive) {
        if (width <= 0 || height <= 0 || samplesPerAxis <= 0 || samplesPerAxis > 8) {
            throw new IllegalArgumentException("need positive image size and 1..8 samples per axis");
        }
        this.width = width;
        this.height = height;
        this.samplesPerPixel = samplesPerAxis * samplesPerAxis;
        this.sampleOffsets = new double[2 * samplesPerPixel];
        int s = samplesPerAxis;
        for (int i = 0; i < s; i++) {
            for (int j = 0; j < s; j++) {
                int k = 2 * (j * s + i);
                sampleOffsets[k] = (i + (j + 0.5) / s) / s;
                sampleOffsets[k + 1] = (j + (i + 0.5) / s) / s;
            }
        }
        this.adaptive = adaptive && samplesPerPixel > 1;
        int corners = this.adaptive ? (width + 1) * (height + 1) : 0;
        cornerDirections = new double[3 * corners];
        cornerFrame = new int[corners];
        cornerHit = new int[corners];
        cornerCell = new long[corners];
        cornerColour = new double[3 * corners];
        cornerLight = new double[3 * corners];
        cornerNormal = new double[3 * corners];
    }

    /** The observation renderer: 64x64 with 2x2 anti-aliasing. */
    public static RayCaster standard64() {
        return new RayCaster(64, 64, 2);
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    /**
     * Draws the scene into {@code rgb}: width*height*3 unsigned bytes, row-major height-width-channel,
     * row 0 at the top.
     */
    public void render(Scene scene, byte[] rgb) {
        if (rgb == null || rgb.length != width * height * 3) {
            throw new IllegalArgumentException("rgb must hold " + width * height * 3 + " bytes");
        }
        Camera camera = scene.camera();
        prepareDirections(camera.fovyDegrees());
        int n = scene.size();
        prepare(scene, camera, n);
        double[] right = camera.right;
        double[] up = camera.up;
        double[] back = camera.back;
        double rx = right[0], ry = right[1], rz = right[2];
        double ux = up[0], uy = up[1], uz = up[2];
        double bx = back[0], by = back[1], bz = back[2];
        double inverseSamples = 1.0 / samplesPerPixel;
        prepareSky(scene, camera);
        if (++frame == Integer.MAX_VALUE) {
            java.util.Arrays.fill(cornerFrame, 0);
            frame = 1;
        }
        int out = 0;
        int dir = 0;
        for (int row = 0; row < height; row++) {
            int rowCount = 0; // the primitives whose rectangles span this row, and the columns they cover
            int spanMin = width, spanMax = -1;
            for (int i = 0; i < n; i++) {
                if (row >= rectangle[4 * i + 2] && row <= rectangle[4 * i + 3]) {
                    rowCandidates[rowCount++] = i;
                    spanMin = Math.min(spanMin, rectangle[4 * i]);
                    spanMax = Math.max(spanMax, rectangle[4 * i + 1]);
                }
            }
            for (int col = 0; col < width; col++) {
                if (col < spanMin || col > spanMax) { // nothing can be hit: the cached sky
                    rgb[out] = skyPixels[out];
                    rgb[out + 1] = skyPixels[out + 1];
                    rgb[out + 2] = skyPixels[out + 2];
                    out += 3;
                    dir += 3 * samplesPerPixel;
                    continue;
                }
                int count = 0;
                boolean centred = false;
                double cx = 0, cy = 0, cz = 0;
                for (int j = 0; j < rowCount; j++) {
                    int i = rowCandidates[j];
                    int q = 4 * i;
                    if (col >= rectangle[q] && col <= rectangle[q + 1]
                            && !(planeSide[q] * col + planeSide[q + 1] * row + planeSide[q + 2] + planeSide[q + 3] <= 0)) {
                        if (!centred && capsule[11 * i + 9] >= 0) { // the pixel's centre ray in world axes
                            int pc = 3 * (row * width + col);
                            double a = pixelCentres[pc], b = pixelCentres[pc + 1], c = pixelCentres[pc + 2];
                            cx = a * rx + b * ux + c * bx;
                            cy = a * ry + b * uy + c * by;
                            cz = a * rz + b * uz + c * bz;
                            centred = true;
                        }
                        if (!nearCapsule(i, cx, cy, cz, pixelSin) || outsideOutline(i, col, row, true)) {
                            continue;
                        }
                        candidates[count++] = i;
                    }
                }
                if (count == 0) { // nothing can be hit: the cached sky
                    rgb[out] = skyPixels[out];
                    rgb[out + 1] = skyPixels[out + 1];
                    rgb[out + 2] = skyPixels[out + 2];
                    out += 3;
                    dir += 3 * samplesPerPixel;
                    continue;
                }
                if (adaptive && smoothPixel(scene, camera, col, row, count, rgb, out, dir)) {
                    out += 3;
                    dir += 3 * samplesPerPixel;
                    continue;
                }
                double red = 0, green = 0, blue = 0;
                for (int s = 0; s < samplesPerPixel; s++, dir += 3) {
                    double a = cameraDirections[dir], b = cameraDirections[dir + 1], c = cameraDirections[dir + 2];
                    trace(scene, camera, candidates, count,
                            a * rx + b * ux + c * bx, a * ry + b * uy + c * by, a * rz + b * uz + c * bz);
                    red += Math.min(1.0, colour[0]);
                    green += Math.min(1.0, colour[1]);
                    blue += Math.min(1.0, colour[2]);
                }
                rgb[out++] = toByte(red * inverseSamples);
                rgb[out++] = toByte(green * inverseSamples);
                rgb[out++] = toByte(blue * inverseSamples);
            }
        }
    }

    /**
     * Adaptive anti-aliasing for a pixel with {@code count} candidate primitives (in {@link #candidates}): if the
     * rays through its four corners hit the same primitive, that primitive is the only one that can cover the
     * pixel, the corners share a texture cell, their colours agree within {@link #COLOUR_SPREAD} and no other
     * primitive can shadow the patch, the pixel is written as the mean of its corners and true is returned.
     * Otherwise (silhouettes, thin parts, checker and shadow edges) the caller traces all samples.
     */
    private boolean smoothPixel(Scene scene, Camera camera, int col, int row, int count, byte[] rgb, int out,
                                int dir) {
        if (count != 1) {
            return false; // two or more primitives may share the pixel: trace all samples
        }
        int only = candidates[0];
        int c00 = corner(scene, camera, col, row, only);
        int c10 = corner(scene, camera, col + 1, row, only);
        int c01 = corner(scene, camera, col, row + 1, only);
        int c11 = corner(scene, camera, col + 1, row + 1, only);
        int h = cornerHit[c00];
        if (h < 0 || count != 1 || candidates[0] != h
                || cornerHit[c10] != h || cornerHit[c01] != h || cornerHit[c11] != h) {
            return false;
        }
        int k00 = 3 * c00, k10 = 3 * c10, k01 = 3 * c01, k11 = 3 * c11;
        if (scene.lightDiffuse() > 0) {
            // the corners' shadow-ray origins bound the patch (exactly for a plane): no caster's light box may overlap
            double[] cl = cornerLight;
            double aMin = Math.min(Math.min(cl[k00], cl[k10]), Math.min(cl[k01], cl[k11]));
            double aMax = Math.max(Math.max(cl[k00], cl[k10]), Math.max(cl[k01], cl[k11]));
            double bMin = Math.min(Math.min(cl[k00 + 1], cl[k10 + 1]), Math.min(cl[k01 + 1], cl[k11 + 1]));
            double bMax = Math.max(Math.max(cl[k00 + 1], cl[k10 + 1]), Math.max(cl[k01 + 1], cl[k11 + 1]));
            double alongMin = Math.min(Math.min(cl[k00 + 2], cl[k10 + 2]), Math.min(cl[k01 + 2], cl[k11 + 2]));
            int n = aMax >= shadowBox[0] && aMin <= shadowBox[1] && bMax >= shadowBox[2] && bMin <= shadowBox[3]
                    && alongMin <= shadowBox[4] ? prims.length : 0;
            for (int i = 0; i < n; i++) {
                int k = 5 * i;
                if (i != h && aMax >= lightBox[k] && aMin <= lightBox[k + 1] && bMax >= lightBox[k + 2]
                        && bMin <= lightBox[k + 3] && alongMin <= lightBox[k + 4]) {
                    return false; // a shadow may cross the pixel
                }
            }
        }
        long cell = cornerCell[c00];
        boolean uniform = cornerCell[c10] == cell && cornerCell[c01] == cell && cornerCell[c11] == cell;
        double[] cn = cornerNormal;
        uniform = uniform && cn[k00] * cn[k10] + cn[k00 + 1] * cn[k10 + 1] + cn[k00 + 2] * cn[k10 + 2] >= NORMAL_AGREEMENT
                && cn[k00] * cn[k01] + cn[k00 + 1] * cn[k01 + 1] + cn[k00 + 2] * cn[k01 + 2] >= NORMAL_AGREEMENT
                && cn[k00] * cn[k11] + cn[k00 + 1] * cn[k11 + 1] + cn[k00 + 2] * cn[k11 + 2] >= NORMAL_AGREEMENT;
        double[] cc = cornerColour;
        for (int ch = 0; ch < 3 && uniform; ch++) {
            double v0 = cc[k00 + ch], v1 = cc[k10 + ch], v2 = cc[k01 + ch], v3 = cc[k11 + ch];
            double lo = Math.min(Math.min(v0, v1), Math.min(v2, v3));
            double hi = Math.max(Math.max(v0, v1), Math.max(v2, v3));
            uniform = hi - lo <= COLOUR_SPREAD;
        }
        if (uniform) {
            rgb[out] = toByte(0.25 * (cc[k00] + cc[k10] + cc[k01] + cc[k11]));
            rgb[out + 1] = toByte(0.25 * (cc[k00 + 1] + cc[k10 + 1] + cc[k01 + 1] + cc[k11 + 1]));
            rgb[out + 2] = toByte(0.25 * (cc[k00 + 2] + cc[k10 + 2] + cc[k01 + 2] + cc[k11 + 2]));
            return true;
        }
        if (!(prims[h] instanceof Plane)) {
            return false;
        }
        // a checker edge on an unshadowed plane patch: every sample, shaded as trace does but without shadow rays
        // (none can be blocked) and without searching (the plane is the only primitive in the pixel)
        Primitive plane = prims[h];
        double[] m = plane.rotation;
        double nx = m[2], ny = m[5], nz = m[8];
        int e = 3 * h;
        double ex = localEye[e], ey = localEye[e + 1], ez = localEye[e + 2];
        double[] l = scene.toLight;
        double ambient = scene.ambient(), headlight = scene.headlightDiffuse(), light = scene.lightDiffuse();
        double[] right = camera.right, up = camera.up, back = camera.back;
        double red = 0, green = 0, blue = 0;
        for (int s = 0; s < samplesPerPixel; s++, dir += 3) {
            double a = cameraDirections[dir], b = cameraDirections[dir + 1], c = cameraDirections[dir + 2];
            double dx = a * right[0] + b * up[0] + c * back[0];
            double dy = a * right[1] + b * up[1] + c * back[1];
            double dz = a * right[2] + b * up[2] + c * back[2];
            double lx = m[0] * dx + m[3] * dy + m[6] * dz;
            double ly = m[1] * dx + m[4] * dy + m[7] * dz;
            double lz = m[2] * dx + m[5] * dy + m[8] * dz;
            double t = -ez / lz;
            double facing = -(nx * dx + ny * dy + nz * dz);
            double sx = nx, sy = ny, sz = nz;
            if (facing < 0) {
                sx = -sx;
                sy = -sy;
                sz = -sz;
                facing = -facing;
            }
            double intensity = ambient + headlight * facing;
            double towardLight = sx * l[0] + sy * l[1] + sz * l[2];
            if (towardLight > 0 && light > 0) {
                intensity += light * towardLight;
            }
            plane.albedo(ex + t * lx, ey + t * ly, ez + t * lz, colour);
            red += Math.min(1.0, colour[0] * intensity);
            green += Math.min(1.0, colour[1] * intensity);
            blue += Math.min(1.0, colour[2] * intensity);
        }
        double inverseSamples = 1.0 / samplesPerPixel;
        rgb[out] = toByte(red * inverseSamples);
        rgb[out + 1] = toByte(green * inverseSamples);
        rgb[out + 2] = toByte(blue * inverseSamples);
        return true;
    }

    /** Traces the ray through pixel corner (c, r) once per frame; returns the corner's index. */
    private int corner(Scene scene, Camera camera, int c, int r, int only) {
        int idx = r * (width + 1) + c;
        if (cornerFrame[idx] == frame) {
            return idx;
        }
        cornerFrame[idx] = frame;
        int d = 3 * idx;
        double a = cornerDirections[d], b = cornerDirections[d + 1], e = cornerDirections[d + 2];
        double[] right = camera.right, up = camera.up, back = camera.back;
        double dx = a * right[0] + b * up[0] + e * back[0];
        double dy = a * right[1] + b * up[1] + e * back[1];
        double dz = a * right[2] + b * up[2] + e * back[2];
        // the pixels asking for corners have one candidate each, and their candidate tests are conservative over
        // the closed pixel: whatever the corner ray can hit is that candidate, whichever of its pixels asks first
        cornerCandidates[0] = only;
        trace(scene, camera, cornerCandidates, 1, dx, dy, dz);
        cornerHit[idx] = traceHit;
        cornerCell[idx] = traceHit < 0 ? 0 : prims[traceHit].textureCell(tracePx, tracePy, tracePz);
        cornerColour[d] = Math.min(1.0, colour[0]);
        cornerColour[d + 1] = Math.min(1.0, colour[1]);
        cornerColour[d + 2] = Math.min(1.0, colour[2]);
        cornerLight[d] = traceA;
        cornerLight[d + 1] = traceB;
        cornerLight[d + 2] = traceAlong;
        cornerNormal[d] = traceNx;
        cornerNormal[d + 1] = traceNy;
        cornerNormal[d + 2] = traceNz;
        return idx;
    }

    /** Recomputes the per-pixel sky colours if the camera turned or the field of view or the sky changed. */
    private void prepareSky(Scene scene, Camera camera) {
        double[] r = camera.right, u = camera.up, b = camera.back;
        if (skyPixels.length == width * height * 3 && skyFovy == cachedFovy && skyTopCached == scene.skyTop()
                && skyBottomCached == scene.skyBottom()
                && skyAxes[0] == r[0] && skyAxes[1] == r[1] && skyAxes[2] == r[2]
                && skyAxes[3] == u[0] && skyAxes[4] == u[1] && skyAxes[5] == u[2]
                && skyAxes[6] == b[0] && skyAxes[7] == b[1] && skyAxes[8] == b[2]) {
            return;
        }
        if (skyPixels.length != width * height * 3) {
            skyPixels = new byte[width * height * 3];
        }
        double inverseSamples = 1.0 / samplesPerPixel;
        int out = 0;
        int dir = 0;
        for (int p = 0; p < width * height; p++) {
            double red = 0, green = 0, blue = 0;
            for (int s = 0; s < samplesPerPixel; s++, dir += 3) {
                double a = cameraDirections[dir], c1 = cameraDirections[dir + 1], c2 = cameraDirections[dir + 2];
                sky(scene, a * r[2] + c1 * u[2] + c2 * b[2]);
                red += Math.min(1.0, colour[0]);
                green += Math.min(1.0, colour[1]);
                blue += Math.min(1.0, colour[2]);
            }
            skyPixels[out++] = toByte(red * inverseSamples);
            skyPixels[out++] = toByte(green * inverseSamples);
            skyPixels[out++] = toByte(blue * inverseSamples);
        }
        System.arraycopy(r, 0, skyAxes, 0, 3);
        System.arraycopy(u, 0, skyAxes, 3, 3);
        System.arraycopy(b, 0, skyAxes, 6, 3);
        skyFovy = cachedFovy;
        skyTopCached = scene.skyTop();
        skyBottomCached = scene.skyBottom();
    }

    private static byte toByte(double v) {
        int q = (int) (v * 255 + 0.5);
        return (byte) (q < 0 ? 0 : (q > 255 ? 255 : q));
    }

    /** Shades one primary ray from the camera along unit (dx, dy, dz) into {@link #colour}. */
    private void trace(Scene scene, Camera camera, int[] list, int count, double dx, double dy, double dz) {
        if (count == 1 && prims[list[0]] instanceof Plane) {
            tracePlane(scene, camera, list[0], dx, dy, dz);
            return;
        }
        double best = Primitive.MISS;
        int hit = -1;
        double hx = 0, hy = 0, hz = 0;
        for (int k = 0; k < count; k++) {
            int i = list[k];
            double r = radius[i];
            if (r < Double.POSITIVE_INFINITY) {
                int c = 3 * i;
                double tca = centre[c] * dx + centre[c + 1] * dy + centre[c + 2] * dz;
                if (tca + r < 0 || tca - r > best || centreDistance2[i] - tca * tca > r * r) {
                    continue;
                }
            }
            Primitive p = prims[i];
            double[] m = p.rotation;
            double lx = m[0] * dx + m[3] * dy + m[6] * dz;
            double ly = m[1] * dx + m[4] * dy + m[7] * dz;
            double lz = m[2] * dx + m[5] * dy + m[8] * dz;
            int e = 3 * i;
            double t = p.intersect(localEye[e], localEye[e + 1], localEye[e + 2], lx, ly, lz, PRIMARY_T_MIN);
            if (t < best) {
                best = t;
                hit = i;
                hx = lx;
                hy = ly;
                hz = lz;
            }
        }
        traceHit = hit;
        if (hit < 0) {
            sky(scene, dz);
            return;
        }
        shade(scene, camera, prims[hit], hit, best, hx, hy, hz, dx, dy, dz);
    }

    /**
     * {@link #trace} for a ray whose only candidate is plane i (most floor pixels): the same arithmetic with the
     * plane's own (final, inlinable) methods instead of calls through {@link Primitive}.
     */
    private void tracePlane(Scene scene, Camera camera, int i, double dx, double dy, double dz) {
        double best = Primitive.MISS;
        int hit = -1;
        double hx = 0, hy = 0, hz = 0;
        Plane p = (Plane) prims[i];
        double r = radius[i];
        boolean near = true;
        if (r < Double.POSITIVE_INFINITY) {
            int c = 3 * i;
            double tca = centre[c] * dx + centre[c + 1] * dy + centre[c + 2] * dz;
            near = !(tca + r < 0 || tca - r > best || centreDistance2[i] - tca * tca > r * r);
        }
        if (near) {
            double[] m = p.rotation;
            double lx = m[0] * dx + m[3] * dy + m[6] * dz;
            double ly = m[1] * dx + m[4] * dy + m[7] * dz;
            double lz = m[2] * dx + m[5] * dy + m[8] * dz;
            int e = 3 * i;
            double t = p.intersect(localEye[e], localEye[e + 1], localEye[e + 2], lx, ly, lz, PRIMARY_T_MIN);
            if (t < best) {
                best = t;
                hit = i;
                hx = lx;
                hy = ly;
                hz = lz;
            }
        }
        traceHit = hit;
        if (hit < 0) {
            sky(scene, dz);
            return;
        }
        shade(scene, camera, p, hit, best, hx, hy, hz, dx, dy, dz);
    }


    /**
     * Colour of the hit at distance {@code best} along (dx, dy, dz) on primitive {@code hit} (ray direction in its frame
     * (hx, hy, hz)): headlight, one shadow ray towards the light, albedo; leaves the hit's point, normal and light-space
     * coordinates in the trace fields for the adaptive anti-aliasing.
     */
    private void shade(Scene scene, Camera camera, Primitive p, int hit, double best, double hx, double hy, double hz,
                       double dx, double dy, double dz) {
        int e = 3 * hit;
        double px = localEye[e] + best * hx, py = localEye[e + 1] + best * hy, pz = localEye[e + 2] + best * hz;
        tracePx = px;
        tracePy = py;
        tracePz = pz;
        p.normal(px, py, pz, point);
        double[] m = p.rotation;
        double nx = m[0] * point[0] + m[1] * point[1] + m[2] * point[2];
        double ny = m[3] * point[0] + m[4] * point[1] + m[5] * point[2];
        double nz = m[6] * point[0] + m[7] * point[1] + m[8] * point[2];
        double facing = -(nx * dx + ny * dy + nz * dz);
        if (facing < 0) { // seen from behind (e.g. a plane from below): light the visible side
            nx = -nx;
            ny = -ny;
            nz = -nz;
            facing = -facing;
        }
        double intensity = scene.ambient() + scene.headlightDiffuse() * facing;
        double[] l = scene.toLight;
        double towardLight = nx * l[0] + ny * l[1] + nz * l[2];
        double[] eye = camera.position;
        double qx = eye[0] + best * dx + SHADOW_BIAS * nx;
        double qy = eye[1] + best * dy + SHADOW_BIAS * ny;
        double qz = eye[2] + best * dz + SHADOW_BIAS * nz;
        traceA = qx * lightU[0] + qy * lightU[1] + qz * lightU[2];
        traceB = qx * lightV[0] + qy * lightV[1] + qz * lightV[2];
        traceAlong = qx * l[0] + qy * l[1] + qz * l[2];
        traceNx = nx;
        traceNy = ny;
        traceNz = nz;
        if (towardLight > 0 && scene.lightDiffuse() > 0) {
            if (!occluded(qx, qy, qz, traceA, traceB, traceAlong, l[0], l[1], l[2])) {
                intensity += scene.lightDiffuse() * towardLight;
            }
        }
        p.albedo(px, py, pz, colour);
        colour[0] *= intensity;
        colour[1] *= intensity;
        colour[2] *= intensity;
    }

    private void sky(Scene scene, double dz) {
        double s = 0.5 * (1 + dz); // 1 straight up, 0 straight down
        Rgb top = scene.skyTop();
        Rgb bottom = scene.skyBottom();
        colour[0] = bottom.r() + s * (top.r() - bottom.r());
        colour[1] = bottom.g() + s * (top.g() - bottom.g());
        colour[2] = bottom.b() + s * (top.b() - bottom.b());
    }

    /** Whether the ray from q towards the light (unit l) hits any shadow-casting primitive. */
    private boolean occluded(double qx, double qy, double qz, double a, double b, double along,
                             double lx, double ly, double lz) {
        if (a < shadowBox[0] || a > shadowBox[1] || b < shadowBox[2] || b > shadowBox[3] || along > shadowBox[4]) {
            return false; // outside every caster's footprint
        }
        int n = prims.length;
        for (int i = 0; i < n; i++) {
            int k = 5 * i;
            if (a < lightBox[k] || a > lightBox[k + 1] || b < lightBox[k + 2] || b > lightBox[k + 3]
                    || along > lightBox[k + 4]) {
                continue;
            }
            Primitive p = prims[i];
            double[] pos = p.position;
            double ox = qx - pos[0], oy = qy - pos[1], oz = qz - pos[2];
            double[] m = p.rotation;
            double ex = m[0] * ox + m[3] * oy + m[6] * oz;
            double ey = m[1] * ox + m[4] * oy + m[7] * oz;
            double ez = m[2] * ox + m[5] * oy + m[8] * oz;
            int c = 3 * i;
            if (p.intersect(ex, ey, ez, localLight[c], localLight[c + 1], localLight[c + 2], 0) != Primitive.MISS) {
                return true;
            }
        }
        return false;
    }

    /**
     * The primitive's bounding box seen along the light: its extent on two axes across the light and its
     * farthest reach towards the light. A shadow ray can only hit it from inside that footprint and from below
     * that reach. Non-casters and unbounded shapes get an empty footprint.
     */
    private void setLightBox(int i, Primitive p, double[] l) {
        int k = 5 * i;
        lightBox[k] = Double.POSITIVE_INFINITY;
        lightBox[k + 1] = Double.NEGATIVE_INFINITY;
        lightBox[k + 2] = Double.POSITIVE_INFINITY;
        lightBox[k + 3] = Double.NEGATIVE_INFINITY;
        lightBox[k + 4] = Double.NEGATIVE_INFINITY;
        if (!p.castsShadow() || !p.isVisible()) {
            return;
        }
        p.boundingBox(extent);
        if (!(extent[0] < Double.POSITIVE_INFINITY && extent[1] < Double.POSITIVE_INFINITY
                && extent[2] < Double.POSITIVE_INFINITY)) {
            lightBox[k] = Double.NEGATIVE_INFINITY;
            lightBox[k + 1] = Double.POSITIVE_INFINITY;
            lightBox[k + 2] = Double.NEGATIVE_INFINITY;
            lightBox[k + 3] = Double.POSITIVE_INFINITY;
            lightBox[k + 4] = Double.POSITIVE_INFINITY;
            return;
        }
        double[] m = p.rotation;
        double[] pos = p.position;
        for (int corner = 0; corner < 8; corner++) {
            double lx = (corner & 1) == 0 ? -extent[0] : extent[0];
            double ly = (corner & 2) == 0 ? -extent[1] : extent[1];
            double lz = (corner & 4) == 0 ? -extent[2] : extent[2];
            double wx = pos[0] + m[0] * lx + m[1] * ly + m[2] * lz;
            double wy = pos[1] + m[3] * lx + m[4] * ly + m[5] * lz;
            double wz = pos[2] + m[6] * lx + m[7] * ly + m[8] * lz;
            double a = wx * lightU[0] + wy * lightU[1] + wz * lightU[2];
            double b = wx * lightV[0] + wy * lightV[1] + wz * lightV[2];
            double along = wx * l[0] + wy * l[1] + wz * l[2];
            lightBox[k] = Math.min(lightBox[k], a - 1e-9);
            lightBox[k + 1] = Math.max(lightBox[k + 1], a + 1e-9);
            lightBox[k + 2] = Math.min(lightBox[k + 2], b - 1e-9);
            lightBox[k + 3] = Math.max(lightBox[k + 3], b + 1e-9);
            lightBox[k + 4] = Math.max(lightBox[k + 4], along + 1e-9);
        }
    }

    /** Per-frame, per-primitive quantities: local eye, bounding sphere relative to the camera, pixel rectangle. */
    private void prepare(Scene scene, Camera camera, int n) {
        if (prims.length != n) {
            prims = new Primitive[n];
            localEye = new double[3 * n];
            centre = new double[3 * n];
            centreDistance2 = new double[n];
            radius = new double[n];
            localLight = new double[3 * n];
            lightBox = new double[5 * n];
            rectangle = new int[4 * n];
            planeSide = new double[4 * n];
            candidates = new int[n];
            capsule = new double[11 * n];
            planeEdges = new double[4 * MAX_EDGES * n];
            planeEdgeCount = new int[n];
            cornerCandidates = new int[n];
            rowCandidates = new int[n];
        }
        double[] eye = camera.position;
        double[] l = scene.toLight;
        // two unit axes across the light direction
        if (Math.abs(l[0]) < 0.9) {
            Vec3.set(lightU, 1, 0, 0);
        } else {
            Vec3.set(lightU, 0, 1, 0);
        }
        Vec3.normalize(Vec3.cross(l, lightU, lightV));
        Vec3.cross(lightV, l, lightU);
        shadowBox[0] = Double.POSITIVE_INFINITY;
        shadowBox[1] = Double.NEGATIVE_INFINITY;
        shadowBox[2] = Double.POSITIVE_INFINITY;
        shadowBox[3] = Double.NEGATIVE_INFINITY;
        shadowBox[4] = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            Primitive p = scene.primitive(i);
            prims[i] = p;
            double[] m = p.rotation;
            double ox = p.position[0] - eye[0], oy = p.position[1] - eye[1], oz = p.position[2] - eye[2];
            int c = 3 * i;
            centre[c] = ox;
            centre[c + 1] = oy;
            centre[c + 2] = oz;
            centreDistance2[i] = ox * ox + oy * oy + oz * oz;
            localEye[c] = -(m[0] * ox + m[3] * oy + m[6] * oz);
            localEye[c + 1] = -(m[1] * ox + m[4] * oy + m[7] * oz);
            localEye[c + 2] = -(m[2] * ox + m[5] * oy + m[8] * oz);
            localLight[c] = m[0] * l[0] + m[3] * l[1] + m[6] * l[2];
            localLight[c + 1] = m[1] * l[0] + m[4] * l[1] + m[7] * l[2];
            localLight[c + 2] = m[2] * l[0] + m[5] * l[1] + m[8] * l[2];
            double r = p.boundingRadius();
            radius[i] = r;
            setRectangle(i, camera, p, ox, oy, oz, r);
            setPlaneSide(i, camera, p, ox, oy, oz);
            setLightBox(i, p, l);
            int k = 5 * i;
            if (lightBox[k] <= lightBox[k + 1]) {
                shadowBox[0] = Math.min(shadowBox[0], lightBox[k]);
                shadowBox[1] = Math.max(shadowBox[1], lightBox[k + 1]);
                shadowBox[2] = Math.min(shadowBox[2], lightBox[k + 2]);
                shadowBox[3] = Math.max(shadowBox[3], lightBox[k + 3]);
                shadowBox[4] = Math.max(shadowBox[4], lightBox[k + 4]);
            }
            setCapsule(i, p, ox, oy, oz, r);
            setPlaneEdges(i, camera, p, ox, oy, oz);
        }
    }

    /**
     * For a finite plane: its rectangle's outline in the image, clipped to depths of at least 1 mm, as edge
     * functions in pixel units. A ray through image point (col, row) can only hit the rectangle inside the
     * outline. No edges (no culling) for other primitives, infinite planes, planes seen edge-on and planes
     * passing within 2 mm of the eye (whose hits could lie closer than the clipping depth).
     */
    private void setPlaneEdges(int i, Camera camera, Primitive p, double ox, double oy, double oz) {
        planeEdgeCount[i] = 0;
        if (!(p instanceof Plane)) {
            return;
        }
        p.boundingBox(extent);
        double hx = extent[0], hy = extent[1];
        if (!(hx < Double.POSITIVE_INFINITY && hy < Double.POSITIVE_INFINITY)) {
            return;
        }
        double[] m = p.rotation;
        double side = m[2] * ox + m[5] * oy + m[8] * oz;
        final double near = 1e-3;
        if (!(Math.abs(side) >= 2 * near)) {
            return;
        }
        double[] right = camera.right, up = camera.up, back = camera.back;
        for (int v = 0; v < 4; v++) { // corners in order around the rectangle, camera axes (x, y, depth)
            double lx = (v == 1 || v == 2) ? hx : -hx;
            double ly = v >= 2 ? hy : -hy;
            double wx = ox + m[0] * lx + m[1] * ly, wy = oy + m[3] * lx + m[4] * ly, wz = oz + m[6] * lx + m[7] * ly;
            polygon[3 * v] = wx * right[0] + wy * right[1] + wz * right[2];
            polygon[3 * v + 1] = wx * up[0] + wy * up[1] + wz * up[2];
            polygon[3 * v + 2] = -(wx * back[0] + wy * back[1] + wz * back[2]);
        }
        int count = 0; // clip against depth >= near, project to pixel coordinates
        for (int v = 0; v < 4; v++) {
            int a = 3 * v, b = 3 * ((v + 1) % 4);
            double da = polygon[a + 2], db = polygon[b + 2];
            if (da >= near) {
                count = project(count, polygon[a], polygon[a + 1], da);
            }
            if ((da >= near) != (db >= near)) {
                double t = (near - da) / (db - da);
                count = project(count, polygon[a] + t * (polygon[b] - polygon[a]),
                        polygon[a + 1] + t * (polygon[b + 1] - polygon[a + 1]), near);
            }
        }
        if (count < 3) {
            return; // wholly behind: the rectangle test already hides it
        }
        double area = 0;
        for (int v = 0; v < count; v++) {
            int w = (v + 1) % count;
            area += clipped[2 * v] * clipped[2 * w + 1] - clipped[2 * w] * clipped[2 * v + 1];
        }
        if (!(Math.abs(area) > 1e-6) || !Double.isFinite(area)) {
            return;
        }
        double s = Math.signum(area);
        int edges = 0;
        for (int v = 0; v < count; v++) {
            int w = (v + 1) % count;
            double ci = clipped[2 * v], ri = clipped[2 * v + 1];
            double ec = clipped[2 * w] - ci, er = clipped[2 * w + 1] - ri;
            double len = Math.sqrt(ec * ec + er * er);
            if (!(len > 1e-9)) {
                continue;
            }
            int k = 4 * (MAX_EDGES * i + edges++);
            planeEdges[k] = -s * er / len;
            planeEdges[k + 1] = s * ec / len;
            planeEdges[k + 2] = s * (er * ci - ec * ri) / len + 1e-4; // 1e-4 pixel allowance for rounding
            planeEdges[k + 3] = Math.max(0, planeEdges[k]) + Math.max(0, planeEdges[k + 1]); // best pixel corner
        }
        planeEdgeCount[i] = edges;
    }

    private int project(int count, double x, double y, double depth) {
        clipped[2 * count] = (x / depth / tanHalfX + 1) * 0.5 * width;
        clipped[2 * count + 1] = (1 - y / depth / tanHalfY) * 0.5 * height;
        return count + 1;
    }

    /** Whether the pixel (col, row) (pixel = true) or the corner point (col, row) lies outside plane i's outline. */
    private boolean outsideOutline(int i, int col, int row, boolean pixel) {
        int edges = planeEdgeCount[i];
        for (int e = 0; e < edges; e++) {
            int k = 4 * (MAX_EDGES * i + e);
            double f = planeEdges[k] * col + planeEdges[k + 1] * row + planeEdges[k + 2];
            if (pixel) {
                f += planeEdges[k + 3];
            }
            if (f < 0) {
                return true;
            }
        }
        return false;
    }

    private void setCapsule(int i, Primitive p, double ox, double oy, double oz, double r) {
        int k = 11 * i;
        if (!(r < Double.POSITIVE_INFINITY)) {
            capsule[k + 9] = Double.NaN;
            return;
        }
        p.boundingCapsule(extent);
        int axis = (int) extent[0];
        double half = extent[1];
        double[] m = p.rotation;
        double ax = m[axis] * half, ay = m[3 + axis] * half, az = m[6 + axis] * half; // local axis in world
        double sx = ox - ax, sy = oy - ay, sz = oz - az;
        double ux = 2 * ax, uy = 2 * ay, uz = 2 * az;
        capsule[k] = sx;
        capsule[k + 1] = sy;
        capsule[k + 2] = sz;
        capsule[k + 3] = ux;
        capsule[k + 4] = uy;
        capsule[k + 5] = uz;
        capsule[k + 6] = sx * sx + sy * sy + sz * sz;
        capsule[k + 7] = sx * ux + sy * uy + sz * uz;
        capsule[k + 8] = ux * ux + uy * uy + uz * uz;
        capsule[k + 9] = extent[2];
        double ex = ox + ax, ey = oy + ay, ez = oz + az;
        capsule[k + 10] = Math.sqrt(Math.max(capsule[k + 6], ex * ex + ey * ey + ez * ez)) + extent[2];
    }

    /**
     * Whether primitive i's bounding capsule comes within reach of the cone of half-angle asin(sin) around the
     * line through the eye along unit (dx, dy, dz): a point X of the cone lies within |X| sin of the line, and
     * every capsule point lies within radius of its segment and within the stored reach of the eye. Conservative
     * (with a rounding allowance); sin = 0 tests a single ray.
     */
    private boolean nearCapsule(int i, double dx, double dy, double dz, double sin) {
        int k = 11 * i;
        double radius = capsule[k + 9];
        if (!(radius >= 0)) {
            return true;
        }
        double ad = capsule[k] * dx + capsule[k + 1] * dy + capsule[k + 2] * dz;
        double ud = capsule[k + 3] * dx + capsule[k + 4] * dy + capsule[k + 5] * dz;
        double au = capsule[k + 7] - ad * ud;
        double uu = capsule[k + 8] - ud * ud;
        double s = uu > 1e-300 ? Math.max(0, Math.min(1, -au / uu)) : 0;
        double distance2 = capsule[k + 6] - ad * ad + s * (2 * au + s * uu);
        double limit = (radius + capsule[k + 10] * sin) * (1 + 1e-9) + 1e-12 * (1 + capsule[k + 10]);
        return distance2 <= limit * limit;
    }

    /**
     * For a plane: the image-space half-plane of pixels whose rays can reach it. A ray d hits only if it heads
     * towards the plane: (n . d) has the sign opposite to the eye's side s = n . (eye - p). For the unnormalised
     * corner direction d = u right + v up - back, with u and v linear in column and row, -s (n . d) is linear in
     * (col, row); its maximum over a pixel is at a corner, so a pixel whose best corner gives <= 0 cannot see the
     * plane (e.g. sky pixels above a floor's horizon). Other primitives get NaN, which never culls.
     */
    private void setPlaneSide(int i, Camera camera, Primitive p, double ox, double oy, double oz) {
        int q = 4 * i;
        if (!(p instanceof Plane)) {
            planeSide[q] = Double.NaN;
            planeSide[q + 1] = Double.NaN;
            planeSide[q + 2] = Double.NaN;
            planeSide[q + 3] = Double.NaN;
            return;
        }
        double[] m = p.rotation;
        double nx = m[2], ny = m[5], nz = m[8]; // local +z in world coordinates
        double side = -(nx * ox + ny * oy + nz * oz); // n . (eye - p), o = p - eye
        double sign = side > 0 ? -1 : (side < 0 ? 1 : 0);
        double nr = nx * camera.right[0] + ny * camera.right[1] + nz * camera.right[2];
        double nu = nx * camera.up[0] + ny * camera.up[1] + nz * camera.up[2];
        double nb = nx * camera.back[0] + ny * camera.back[1] + nz * camera.back[2];
        // u = (col / width * 2 - 1) tanHalfX, v = (1 - row / height * 2) tanHalfY
        double a = sign * nr * 2 * tanHalfX / width;
        double b = -sign * nu * 2 * tanHalfY / height;
        double c = sign * (-nr * tanHalfX + nu * tanHalfY - nb);
        // a small allowance for rounding: culling must never remove a pixel that a sample ray would hit
        double slack = 1e-9 * (Math.abs(a) * width + Math.abs(b) * height + Math.abs(c)) + 1e-12;
        planeSide[q] = a;
        planeSide[q + 1] = b;
        planeSide[q + 2] = c + slack;
        planeSide[q + 3] = Math.max(0, a) + Math.max(0, b);
    }

    /**
     * A conservative pixel rectangle covering the primitive: the intersection of the projections of its bounding
     * sphere (centre o relative to the eye, radius r) and of its bounding box (tight for long thin shapes).
     */
    private void setRectangle(int i, Camera camera, Primitive p, double ox, double oy, double oz, double r) {
        int q = 4 * i;
        double[] right = camera.right, up = camera.up, back = camera.back;
        double cx = ox * right[0] + oy * right[1] + oz * right[2];
        double cy = ox * up[0] + oy * up[1] + oz * up[2];
        double depth = -(ox * back[0] + oy * back[1] + oz * back[2]);
        if (!p.isVisible() || (r < Double.POSITIVE_INFINITY && depth + r <= 0)) { // hidden or behind the camera
            rectangle[q] = width;
            rectangle[q + 1] = -1;
            rectangle[q + 2] = height;
            rectangle[q + 3] = -1;
            return;
        }
        double xMin = Double.NEGATIVE_INFINITY, xMax = Double.POSITIVE_INFINITY;
        double yMin = Double.NEGATIVE_INFINITY, yMax = Double.POSITIVE_INFINITY;
        if (r < Double.POSITIVE_INFINITY && depth - r > 1e-6) {
            xMax = (cx + r) / (cx + r >= 0 ? depth - r : depth + r);
            xMin = (cx - r) / (cx - r <= 0 ? depth - r : depth + r);
            yMax = (cy + r) / (cy + r >= 0 ? depth - r : depth + r);
            yMin = (cy - r) / (cy - r <= 0 ? depth - r : depth + r);
        }
        p.boundingBox(extent);
        if (extent[0] < Double.POSITIVE_INFINITY && extent[1] < Double.POSITIVE_INFINITY
                && extent[2] < Double.POSITIVE_INFINITY) {
            double[] m = p.rotation;
            double bxMin = Double.POSITIVE_INFINITY, bxMax = Double.NEGATIVE_INFINITY;
            double byMin = Double.POSITIVE_INFINITY, byMax = Double.NEGATIVE_INFINITY;
            boolean inFront = true;
            for (int corner = 0; corner < 8 && inFront; corner++) {
                double lx = (corner & 1) == 0 ? -extent[0] : extent[0];
                double ly = (corner & 2) == 0 ? -extent[1] : extent[1];
                double lz = (corner & 4) == 0 ? -extent[2] : extent[2];
                double wx = ox + m[0] * lx + m[1] * ly + m[2] * lz;
                double wy = oy + m[3] * lx + m[4] * ly + m[5] * lz;
                double wz = oz + m[6] * lx + m[7] * ly + m[8] * lz;
                double d = -(wx * back[0] + wy * back[1] + wz * back[2]);
                if (d <= 1e-6) {
                    inFront = false;
                    break;
                }
                double u = (wx * right[0] + wy * right[1] + wz * right[2]) / d;
                double v = (wx * up[0] + wy * up[1] + wz * up[2]) / d;
                bxMin = Math.min(bxMin, u);
                bxMax = Math.max(bxMax, u);
                byMin = Math.min(byMin, v);
                byMax = Math.max(byMax, v);
            }
            if (inFront) {
                xMin = Math.max(xMin, bxMin);
                xMax = Math.min(xMax, bxMax);
                yMin = Math.max(yMin, byMin);
                yMax = Math.min(yMax, byMax);
            }
        }
        rectangle[q] = clamp(Math.floor((xMin / tanHalfX + 1) * 0.5 * width) - 1, width);
        rectangle[q + 1] = clamp(Math.floor((xMax / tanHalfX + 1) * 0.5 * width) + 1, width);
        rectangle[q + 2] = clamp(Math.floor((1 - yMax / tanHalfY) * 0.5 * height) - 1, height);
        rectangle[q + 3] = clamp(Math.floor((1 - yMin / tanHalfY) * 0.5 * height) + 1, height);
    }

    private static int clamp(double v, int size) {
        return v < -1 ? -1 : (v > size ? size : (int) v);
    }

    /** Unit sample directions in camera axes, recomputed only when the field of view changes. */
    private void prepareDirections(double fovyDegrees) {
        if (fovyDegrees == cachedFovy) {
            return;
        }
        tanHalfY = Math.tan(Math.toRadians(fovyDegrees) / 2);
        tanHalfX = tanHalfY * width / height;
        cameraDirections = new double[width * height * samplesPerPixel * 3];
        int k = 0;
        for (int row = 0; row < height; row++) {
            for (int col = 0; col < width; col++) {
                for (int s = 0; s < samplesPerPixel; s++) {
                    double u = ((col + sampleOffsets[2 * s]) / width * 2 - 1) * tanHalfX;
                    double v = (1 - (row + sampleOffsets[2 * s + 1]) / height * 2) * tanHalfY;
                    double len = Math.sqrt(u * u + v * v + 1);
                    cameraDirections[k++] = u / len;
                    cameraDirections[k++] = v / len;
                    cameraDirections[k++] = -1 / len;
                }
            }
        }
        pixelCentres = new double[width * height * 3];
        double largest = 0;
        k = 0;
        for (int row = 0; row < height; row++) {
            for (int col = 0; col < width; col++) {
                double u = ((col + 0.5) / width * 2 - 1) * tanHalfX;
                double v = (1 - (row + 0.5) / height * 2) * tanHalfY;
                double len = Math.sqrt(u * u + v * v + 1);
                pixelCentres[k++] = u / len;
                pixelCentres[k++] = v / len;
                pixelCentres[k++] = -1 / len;
                for (int corner = 0; corner < 4; corner++) {
                    double cu = ((col + (corner & 1)) / (double) width * 2 - 1) * tanHalfX;
                    double cv = (1 - (row + (corner >> 1)) / (double) height * 2) * tanHalfY;
                    double cosine = (u * cu + v * cv + 1) / (len * Math.sqrt(cu * cu + cv * cv + 1));
                    largest = Math.max(largest, Math.sqrt(Math.max(0, 1 - cosine * cosine)));
                }
            }
        }
        pixelSin = largest * (1 + 1e-6) + 1e-9;
        k = 0;
        for (int r = 0; r <= height && adaptive; r++) {
            for (int c = 0; c <= width; c++) {
                double u = ((double) c / width * 2 - 1) * tanHalfX;
                double v = (1 - (double) r / height * 2) * tanHalfY;
                double len = Math.sqrt(u * u + v * v + 1);
                cornerDirections[k++] = u / len;
                cornerDirections[k++] = v / len;
                cornerDirections[k++] = -1 / len;
            }
        }
        cachedFovy = fovyDegrees;
    }
}
