using ScottPlot;

namespace NumeraiPipeline.Plugins.Numerai.Metrics.Report;

/// <summary>Draws the report's charts as PNG with ScottPlot (SkiaSharp, headless).</summary>
internal sealed class ChartRenderer(int width, int height)
{
    private static readonly Color[] Palette = [Colors.SteelBlue, Colors.DarkOrange, Colors.SeaGreen, Colors.Crimson];

    /// <summary>Cumulative sums of each series by era.</summary>
    public byte[] Cumulative(string title, IReadOnlyList<string> eras, IReadOnlyList<ChartSeries> series)
    {
        var plot = NewPlot(title, "cumulative score");
        var xs = Enumerable.Range(0, eras.Count).Select(i => (double)i).ToArray();
        for (var s = 0; s < series.Count; s++)
        {
            // the line starts at the series' first scored era (e.g. the meta model covers later eras only)
            var values = series[s].Values;
            var first = Array.FindIndex(values, double.IsFinite);
            if (first < 0)
            {
                continue;
            }

            var sum = 0.0;
            var ys = values[first..].Select(v => sum += double.IsFinite(v) ? v : 0).ToArray();
            var line = plot.Add.ScatterLine(xs[first..], ys, Palette[s % Palette.Length]);
            line.LegendText = series[s].Name;
            line.LineWidth = 2;
        }

        plot.Add.HorizontalLine(0, 1, Colors.Gray);
        EraTicks(plot, eras);
        plot.ShowLegend(Alignment.UpperLeft);
        return plot.GetImageBytes(width, height, ImageFormat.Png);
    }

    /// <summary>
    /// Cumulative live scores per resolved round, each with its validation expectation (the validation mean per era
    /// times the rounds so far) as a dashed line of the same colour.
    /// </summary>
    public byte[] LiveCumulative(string title, IReadOnlyList<string> rounds, IReadOnlyList<ChartSeries> series, IReadOnlyList<double?> expectations)
    {
        var plot = NewPlot(title, "cumulative live score");
        plot.XLabel("round");
        var xs = Enumerable.Range(0, rounds.Count).Select(i => (double)i).ToArray();
        for (var s = 0; s < series.Count; s++)
        {
            var sum = 0.0;
            var ys = series[s].Values.Select(v => sum += double.IsFinite(v) ? v : 0).ToArray();
            var color = Palette[s % Palette.Length];
            var line = plot.Add.ScatterLine(xs, ys, color);
            line.LegendText = "live " + series[s].Name;
            line.LineWidth = 2;
            if (expectations[s] is { } mean && double.IsFinite(mean))
            {
                var expected = plot.Add.ScatterLine(xs, xs.Select(x => mean * (x + 1)).ToArray(), color);
                expected.LegendText = "validation " + series[s].Name + " expectation";
                expected.LinePattern = LinePattern.Dashed;
                expected.LineWidth = 1;
            }
        }

        plot.Add.HorizontalLine(0, 1, Colors.Gray);
        EraTicks(plot, rounds);
        plot.ShowLegend(Alignment.UpperLeft);
        return plot.GetImageBytes(width, height, ImageFormat.Png);
    }

    /// <summary>Payout per round: settled (resolved) in full colour, pending (resolving) paler.</summary>
    public byte[] Payouts(string title, IReadOnlyList<string> rounds, IReadOnlyList<(double Value, bool Settled)> payouts)
    {
        var plot = NewPlot(title, "NMR");
        plot.XLabel("round");
        var bars = new List<Bar>();
        for (var i = 0; i < payouts.Count; i++)
        {
            var (v, settled) = payouts[i];
            if (!double.IsFinite(v))
            {
                continue;
            }

            var color = v >= 0 ? Colors.SeaGreen : Colors.Crimson;
            bars.Add(new Bar { Position = i, Value = v, FillColor = settled ? color : color.WithAlpha(0.35), LineWidth = 0, Size = 0.8 });
        }

        plot.Add.Bars(bars);
        EraTicks(plot, rounds);
        return plot.GetImageBytes(width, height, ImageFormat.Png);
    }

    /// <summary>Per-era bars of one series (green above zero, red below).</summary>
    public byte[] Bars(string title, IReadOnlyList<string> eras, ChartSeries series)
    {
        var plot = NewPlot(title, series.Name);
        var bars = new List<Bar>();
        for (var i = 0; i < eras.Count; i++)
        {
            var v = series.Values[i];
            if (!double.IsFinite(v))
            {
                continue;
            }

            bars.Add(new Bar { Position = i, Value = v, FillColor = v >= 0 ? Colors.SeaGreen : Colors.Crimson, LineWidth = 0, Size = 0.8 });
        }

        plot.Add.Bars(bars);
        EraTicks(plot, eras);
        return plot.GetImageBytes(width, height, ImageFormat.Png);
    }

    /// <summary>The max feature exposure per era, with its mean.</summary>
    public byte[] Exposure(string title, IReadOnlyList<string> eras, double[] exposure, double mean)
    {
        var plot = NewPlot(title, "max |corr(feature, prediction)|");
        var xs = Enumerable.Range(0, eras.Count).Select(i => (double)i).ToArray();
        var line = plot.Add.ScatterLine(xs, exposure.Select(v => double.IsFinite(v) ? v : double.NaN).ToArray(), Colors.DarkOrange);
        line.LegendText = "max feature exposure";
        line.LineWidth = 2;
        var avg = plot.Add.HorizontalLine(mean, 1, Colors.Gray, LinePattern.Dashed);
        avg.LegendText = "mean";
        plot.Axes.SetLimitsY(0, Math.Max(0.05, exposure.Where(double.IsFinite).DefaultIfEmpty(0).Max() * 1.15));
        EraTicks(plot, eras);
        plot.ShowLegend(Alignment.UpperRight);
        return plot.GetImageBytes(width, height, ImageFormat.Png);
    }

    private static Plot NewPlot(string title, string yLabel)
    {
        var plot = new Plot();
        plot.Title(title);
        plot.YLabel(yLabel);
        plot.XLabel("era");
        return plot;
    }

    private static void EraTicks(Plot plot, IReadOnlyList<string> eras)
    {
        if (eras.Count == 0)
        {
            return;
        }

        var step = Math.Max(1, eras.Count / 8);
        var positions = new List<double>();
        var labels = new List<string>();
        for (var i = 0; i < eras.Count; i += step)
        {
            positions.Add(i);
            labels.Add(eras[i]);
        }

        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(positions.ToArray(), labels.ToArray());
    }
}
