package probe;
import ai.djl.engine.Engine;
import ai.djl.ndarray.*;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
/** 1x1 convolutions of ResNet-50's widths (batch 16), forward + backward: libtorch's convolution or one mm on
 * the channels-last view. Args: THREADS CHANNELS_LAST(true|false) MODE(conv|mm). Prints the sum of the best of 3
 * times per shape, each shape once (ResNet-50 repeats some of them). */
public class Probe {
  static NDArray conv(NDArray x, NDArray w, int s) {
    Object r = Conv2d.conv2d(x, w, null, new Shape(s, s), new Shape(0, 0), new Shape(1, 1), 1);
    return r instanceof NDList ? ((NDList) r).singletonOrThrow() : (NDArray) r;
  }
  static NDArray mm(NDArray x, NDArray w, int s) {
    NDArray in = s == 1 ? x : x.get(":, :, ::" + s + ", ::" + s);
    Shape sh = in.getShape(); long o = w.getShape().get(0);
    NDArray rows = in.transpose(0, 2, 3, 1).reshape(sh.get(0) * sh.get(2) * sh.get(3), sh.get(1));
    return rows.matMul(w.reshape(o, sh.get(1)).transpose()).reshape(sh.get(0), sh.get(2), sh.get(3), o).transpose(0, 3, 1, 2);
  }
  public static void main(String[] a) {
    Engine e = Engine.getInstance();
    JniUtils.setNumThreads(Integer.parseInt(a[0]));
    boolean cl = Boolean.parseBoolean(a[1]);
    boolean useMm = a[2].equals("mm");
    int[][] shapes = {{64,256,56,1},{256,64,56,1},{256,128,56,1},{128,512,28,1},{512,128,28,1},{256,512,56,2},
        {512,256,28,1},{256,1024,14,1},{1024,256,14,1},{512,1024,28,2},{1024,512,14,1},{512,2048,7,1},{2048,512,7,1},{1024,2048,14,2}};
    double total = 0;
    try (NDManager m = NDManager.newBaseManager()) {
      for (int[] s : shapes) {
        double best = 1e9;
        for (int rep = 0; rep < 3; rep++) {
          try (NDManager step = m.newSubManager()) {
            NDArray x = step.randomNormal(new Shape(16, s[0], s[2], s[2]));
            if (cl) { x = x.transpose(0,2,3,1).reshape(16, -1).reshape(16, s[2], s[2], s[0]).transpose(0,3,1,2); }
            NDArray w = step.randomNormal(new Shape(s[1], s[0], 1, 1)).mul(0.05);
            x.setRequiresGradient(true); w.setRequiresGradient(true);
            long t0 = System.nanoTime();
            try (GradientCollector g = e.newGradientCollector()) {
              NDArray y = useMm ? mm(x, w, s[3]) : conv(x, w, s[3]);
              g.backward(y.sum());
            }
            best = Math.min(best, (System.nanoTime() - t0) / 1e6);
          }
        }
        total += best;
      }
    }
    System.out.printf("engine %s threads %s channels-last %s %s: sum of best times %.0f ms%n", e.getVersion(), a[0], cl, a[2], total);
  }
}
