package org.torch4j.perf.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.Styler;

/**
 * Section 7 of the report, all-reduce and DDP, from what {@code perf/allreduce.sh} writes:
 * {@code allreduce.tsv} (impl world bytes median_us algbw_MBps; impl torch4j or python) and
 * {@code ddpstep.tsv} (impl world median_ms p10_ms p90_ms), plus {@code allreduce-latency.png}
 * (latency by size, log-log, one line per implementation and world size). Missing files give a
 * "(not run)" line, never an exception.
 */
final class AllReduceSection {
    private AllReduceSection() {
    }

    /** The markdown of the section from the files in {@code in}; writes the plot into {@code out} when there are data. */
    static String render(Path in, Path out) throws IOException {
        StringBuilder md = new StringBuilder("## 7. All-reduce (gloo, float32 SUM): torch4j vs Python 1.13 torch.distributed\n\n");
        List<String[]> ar = read(in.resolve("allreduce.tsv"));
        if (ar.isEmpty()) {
            md.append("(not run: `bash perf/allreduce.sh` writes `allreduce.tsv` and `ddpstep.tsv`)\n\n");
        } else {
            md.append("`bash perf/allreduce.sh` (ranks started by `ci/ddp-run.sh` / `torch.multiprocessing.spawn`, loopback, ")
                    .append("median of up to 200 timed calls after a barrier; torch4j with the cross-rank shape check off, as ")
                    .append("PyTorch's default). algbw = bytes / median time. Raw data: `allreduce.tsv`; plot: ")
                    .append("`allreduce-latency.png`.\n\n");
            // world -> bytes -> {torch4j us, python us}
            Map<Integer, TreeMap<Long, double[]>> byWorld = new TreeMap<>();
            for (String[] r : ar) {
                int impl = r[0].equals("torch4j") ? 0 : r[0].equals("python") ? 1 : -1;
                if (impl < 0) {
                    continue;
                }
                double[] v = byWorld.computeIfAbsent(Integer.parseInt(r[1]), k -> new TreeMap<>())
                        .computeIfAbsent(Long.parseLong(r[2]), k -> new double[] {Double.NaN, Double.NaN});
                v[impl] = Double.parseDouble(r[3]);
            }
            md.append("| ranks | bytes | torch4j µs | Python µs | torch4j / Python | torch4j MB/s | Python MB/s |\n");
            md.append("|---:|---:|---:|---:|---:|---:|---:|\n");
            for (Map.Entry<Integer, TreeMap<Long, double[]>> w : byWorld.entrySet()) {
                for (Map.Entry<Long, double[]> e : w.getValue().entrySet()) {
                    long b = e.getKey();
                    double j = e.getValue()[0];
                    double p = e.getValue()[1];
                    md.append(String.format(Locale.ROOT, "| %d | %,d | %s | %s | %s | %s | %s |\n", w.getKey(), b, num(j), num(p),
                            Double.isNaN(j) || Double.isNaN(p) ? "–" : String.format(Locale.ROOT, "%.2f", j / p),
                            num(b / j), num(b / p)));
                }
            }
            md.append('\n');
            plot(out, byWorld);
        }
        List<String[]> steps = read(in.resolve("ddpstep.tsv"));
        md.append("### 7b. DDP step time vs single-process\n\n");
        if (steps.isEmpty()) {
            md.append("(not run)\n\n");
            return md.toString();
        }
        md.append("`org.torch4j.perf.DdpStepBench`: one SGD step of an MLP 256-512-512-10 (≈400k parameters) on a global ")
                .append("batch of 192 rows; world 1 is plain single-process training on the whole batch, world N is ")
                .append("DistributedDataParallel with 192/N rows per rank (gradients all-reduced while backward runs). ")
                .append("Median (p10–p90) over the timed steps on rank 0.\n\n");
        double single = Double.NaN;
        for (String[] r : steps) {
            if (r[1].equals("1")) {
                single = Double.parseDouble(r[2]);
            }
        }
        md.append("| ranks | step ms (median) | p10–p90 ms | vs single-process |\n|---:|---:|---:|---:|\n");
        for (String[] r : steps) {
            double m = Double.parseDouble(r[2]);
            md.append(String.format(Locale.ROOT, "| %s | %.2f | %.2f–%.2f | %s |\n", r[1], m, Double.parseDouble(r[3]),
                    Double.parseDouble(r[4]),
                    Double.isNaN(single) ? "–" : String.format(Locale.ROOT, "%.2fx", m / single)));
        }
        md.append('\n');
        return md.toString();
    }

    private static String num(double v) {
        return Double.isNaN(v) || Double.isInfinite(v) ? "–" : String.format(Locale.ROOT, "%.1f", v);
    }

    /** Rows of a tab-separated file without its header; empty when absent. */
    private static List<String[]> read(Path f) throws IOException {
        List<String[]> rows = new ArrayList<>();
        if (!Files.isRegularFile(f)) {
            return rows;
        }
        List<String> lines = Files.readAllLines(f, StandardCharsets.UTF_8);
        for (int i = 1; i < lines.size(); i++) {
            String l = lines.get(i).strip();
            if (!l.isEmpty()) {
                rows.add(l.split("\t"));
            }
        }
        return rows;
    }

    private static void plot(Path dir, Map<Integer, TreeMap<Long, double[]>> byWorld) throws IOException {
        XYChart chart = new XYChartBuilder().width(820).height(520).title("gloo all-reduce latency by message size (log-log)")
                .xAxisTitle("bytes").yAxisTitle("median µs").build();
        chart.getStyler().setXAxisLogarithmic(true);
        chart.getStyler().setYAxisLogarithmic(true);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        for (Map.Entry<Integer, TreeMap<Long, double[]>> w : byWorld.entrySet()) {
            for (int impl = 0; impl < 2; impl++) {
                List<Double> xs = new ArrayList<>();
                List<Double> ys = new ArrayList<>();
                for (Map.Entry<Long, double[]> e : w.getValue().entrySet()) {
                    if (!Double.isNaN(e.getValue()[impl])) {
                        xs.add((double) e.getKey());
                        ys.add(e.getValue()[impl]);
                    }
                }
                if (!xs.isEmpty()) {
                    chart.addSeries((impl == 0 ? "torch4j" : "Python 1.13") + ", " + w.getKey() + " ranks", xs, ys);
                }
            }
        }
        if (!chart.getSeriesMap().isEmpty()) {
            BitmapEncoder.saveBitmap(chart, dir.resolve("allreduce-latency.png").toString(), BitmapEncoder.BitmapFormat.PNG);
        }
    }
}
