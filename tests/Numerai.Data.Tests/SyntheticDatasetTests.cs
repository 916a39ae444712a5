using NumeraiPipeline.TestKit;
using Parquet;

namespace NumeraiPipeline.Numerai.Data.Tests;

public sealed class SyntheticDatasetTests
{
    private static SyntheticDatasetOptions Small(int round = 1) => new()
    {
        TrainRows = 6000,
        TrainEras = 30,
        ValidationEras = 12,
        UnlabelledValidationEras = 2,
        FeatureCount = 40,
        LiveRows = 150,
        Seed = 7,
        Round = round,
        RowGroupRows = 1000,
        SignalStrength = 0.3,
    };

    [Fact]
    public async Task Writes_the_real_file_layout()
    {
        using var ws = new TempWorkspace();
        var summary = await SyntheticDataset.WriteAsync(Small(), ws.Path);

        summary.Directory.ShouldBe(Path.Combine(ws.Path, "v5.2"));
        Directory.GetFiles(summary.Directory).Select(Path.GetFileName).Order().ShouldBe(
            ["features.json", "live.parquet", "live_example_preds.parquet", "meta_model.parquet", "train.parquet",
             "validation.parquet", "validation_benchmark_models.parquet"]);
        summary.TrainRows.ShouldBe(6000);
        summary.ValidationRows.ShouldBe(12 * 200);
        summary.LiveRows.ShouldBe(150);

        var meta = FeatureMetadata.Load(Path.Combine(summary.Directory, "features.json"));
        meta.Resolve("all").Count.ShouldBe(40);
        meta.Resolve("small").Count.ShouldBeGreaterThan(0);
        meta.Resolve("medium").Count.ShouldBeGreaterThan(meta.Resolve("small").Count);
        meta.Resolve("all").ShouldAllBe(f => f.StartsWith("feature_") && f.Count(c => c == '_') == 3);
        meta.Targets[0].ShouldBe("target");

        using var train = NumeraiParquetReader.Open(Path.Combine(summary.Directory, "train.parquet"));
        train.Columns.Take(3).ShouldBe(["id", "era", "data_type"]);
        train.Columns.ShouldBe(["id", "era", "data_type", .. meta.Resolve("all"), .. meta.Targets]);
        train.RowGroupCount.ShouldBe(6);
        train.ReadDistinctEras().ShouldBe(Enumerable.Range(1, 30).Select(e => e.ToString("0000")).ToArray());
        var block = train.ReadAll(new ReadSpec { Features = meta.Resolve("all"), Target = "target", ExtraFloatColumns = meta.Targets.Skip(1).ToList() });
        block.Features.ShouldAllBe(v => v <= 4);
        var independent = ReaderSampleTests.ReadNullableFeatureColumnsIndependently(Path.Combine(summary.Directory, "train.parquet"), meta.Resolve("all"));
        for (var j = 0; j < 40; j++)
        {
            for (var r = 0; r < block.RowCount; r += 7)
            {
                block.GetFeature(r, j).ShouldBe((byte)independent[j][r]!.Value);
            }
        }

        block.Ids.ShouldAllBe(id => id.Length == 16 && id[0] == 'n' && id.Skip(1).All(Uri.IsHexDigit));
        block.Target!.ShouldAllBe(t => t == 0f || t == 0.25f || t == 0.5f || t == 0.75f || t == 1f);
        block.Extras["target_ender_20"].ShouldBe(block.Target);
        train.ReadStringColumn("data_type").ShouldAllBe(t => t == "train");
        var middle = block.Target!.Count(t => t == 0.5f) / (double)block.RowCount;
        middle.ShouldBe(0.5, 0.02);

        using var validation = NumeraiParquetReader.Open(Path.Combine(summary.Directory, "validation.parquet"));
        var v = validation.ReadAll(new ReadSpec { Target = "target", ExtraFloatColumns = ["target_ender_60"] });
        v.Eras.Distinct().Order().ShouldBe(Enumerable.Range(31, 12).Select(e => e.ToString("0000")));
        v.Target!.Count(float.IsNaN).ShouldBe(2 * 200);
        v.Eras.Where((e, i) => float.IsNaN(v.Target![i])).Distinct().Order().ShouldBe(["0041", "0042"]);
        v.Extras["target_ender_60"].Count(float.IsNaN).ShouldBe(5 * 200);
        validation.ReadStringColumn("data_type").ShouldAllBe(t => t == "validation");

        using var live = NumeraiParquetReader.Open(Path.Combine(summary.Directory, "live.parquet"));
        var l = live.ReadAll(new ReadSpec { Features = meta.Resolve("medium"), Target = "target" });
        l.RowCount.ShouldBe(150);
        l.Eras.ShouldAllBe(e => e == "X");
        l.Target!.ShouldAllBe(t => float.IsNaN(t));

        block.Ids.Concat(v.Ids).Concat(l.Ids).Distinct().Count().ShouldBe(6000 + 2400 + 150);

        var mm = PredictionsFile.Read(Path.Combine(summary.Directory, "meta_model.parquet"), "numerai_meta_model");
        mm.Count.ShouldBe(6 * 200);
        mm.Ids.ShouldBeSubsetOf(v.Ids);
        mm.Values.ShouldAllBe(x => x > 0 && x < 1);
        using (var mmReader = NumeraiParquetReader.Open(Path.Combine(summary.Directory, "meta_model.parquet")))
        {
            mmReader.Columns.ShouldBe(["id", "era", "numerai_meta_model"]);
        }

        var bench = PredictionsFile.Read(Path.Combine(summary.Directory, "validation_benchmark_models.parquet"), "v52_lgbm_ender20");
        bench.Ids.ShouldBe(v.Ids);
        var example = PredictionsFile.Read(Path.Combine(summary.Directory, "live_example_preds.parquet"));
        example.Ids.ShouldBe(l.Ids);
    }

    [Fact]
    public async Task Features_are_nullable_INT8_columns_like_pyarrow()
    {
        using var ws = new TempWorkspace();
        var summary = await SyntheticDataset.WriteAsync(Small(), ws.Path);
        await using var reader = await ParquetReader.CreateAsync(Path.Combine(summary.Directory, "train.parquet"));

        var schema = reader.Metadata!.Schema;
        var feature = schema.First(e => e.Name.StartsWith("feature_"));
        feature.Type.ShouldBe(Parquet.Meta.Type.INT32);
        feature.ConvertedType.ShouldBe(Parquet.Meta.ConvertedType.INT_8);
        feature.RepetitionType.ShouldBe(Parquet.Meta.FieldRepetitionType.OPTIONAL);
        schema.First(e => e.Name == "id").ConvertedType.ShouldBe(Parquet.Meta.ConvertedType.UTF8);
        reader.CustomMetadata["pandas"].ShouldContain("\"index_columns\": [\"id\"]");
    }

    [Fact]
    public async Task Deterministic_by_seed_and_live_changes_with_round()
    {
        using var a = new TempWorkspace();
        using var b = new TempWorkspace();
        await SyntheticDataset.WriteAsync(Small(round: 1), a.Path);
        await SyntheticDataset.WriteAsync(Small(round: 2), b.Path);

        File.ReadAllBytes(Path.Combine(a.Path, "v5.2", "train.parquet")).ShouldBe(File.ReadAllBytes(Path.Combine(b.Path, "v5.2", "train.parquet")));
        File.ReadAllText(Path.Combine(a.Path, "v5.2", "features.json")).ShouldBe(File.ReadAllText(Path.Combine(b.Path, "v5.2", "features.json")));
        var live1 = PredictionsFile.Read(Path.Combine(a.Path, "v5.2", "live_example_preds.parquet")).Ids;
        var live2 = PredictionsFile.Read(Path.Combine(b.Path, "v5.2", "live_example_preds.parquet")).Ids;
        live1.Intersect(live2).ShouldBeEmpty();

        var single = Path.Combine(a.Path, "live2.parquet");
        (await SyntheticDataset.WriteLiveAsync(Small(round: 2), single)).ShouldBe(150);
        File.ReadAllBytes(single).ShouldBe(File.ReadAllBytes(Path.Combine(b.Path, "v5.2", "live.parquet")));
        Directory.GetFiles(a.Path, "*.tmp-*", SearchOption.AllDirectories).ShouldBeEmpty();
    }

    [Fact]
    public async Task Planted_signal_is_learnable_and_era_varying()
    {
        using var ws = new TempWorkspace();
        var summary = await SyntheticDataset.WriteAsync(Small(), ws.Path);
        var meta = FeatureMetadata.Load(Path.Combine(summary.Directory, "features.json"));
        var features = meta.Resolve("all");
        using var train = NumeraiParquetReader.Open(Path.Combine(summary.Directory, "train.parquet"));
        using var validation = NumeraiParquetReader.Open(Path.Combine(summary.Directory, "validation.parquet"));
        var spec = new ReadSpec { Features = features, Target = "target", DropMissingTarget = true };
        var t = train.ReadAll(spec);
        var v = validation.ReadAll(spec);

        // A one-pass linear "model": each feature's pooled covariance with the target on train.
        var weights = new double[features.Count];
        var meanTarget = t.Target!.Average();
        for (var j = 0; j < features.Count; j++)
        {
            double c = 0;
            for (var r = 0; r < t.RowCount; r++)
            {
                c += (t.GetFeature(r, j) - 2.0) * (t.Target![r] - meanTarget);
            }

            weights[j] = c / t.RowCount;
        }

        var perEra = PerEraCorrelation(v, r =>
        {
            double p = 0;
            for (var j = 0; j < features.Count; j++)
            {
                p += weights[j] * (v.GetFeature(r, j) - 2.0);
            }

            return p;
        });

        perEra.Average().ShouldBeGreaterThan(0.05);
        perEra.Min().ShouldBeLessThan(perEra.Max() - 0.05);

        // Per-era strength of the first signal feature varies across train eras.
        var first = PerEraCorrelation(t, r => t.GetFeature(r, 0));
        (first.Max() - first.Min()).ShouldBeGreaterThan(0.1);
    }

    [Fact]
    public async Task Era_stride_across_row_groups_and_cancellation()
    {
        using var ws = new TempWorkspace();
        var summary = await SyntheticDataset.WriteAsync(Small(), ws.Path);
        using var reader = NumeraiParquetReader.Open(Path.Combine(summary.Directory, "train.parquet"));
        var features = FeatureMetadata.Load(Path.Combine(summary.Directory, "features.json")).Resolve("small");

        var blocks = reader.ReadBlocks(new ReadSpec { Features = features, Target = "target", EraStride = 7, MaxRowsPerBlock = 150 }).ToList();

        blocks.SelectMany(b => b.Eras).Distinct().ShouldBe(["0001", "0008", "0015", "0022", "0029"]);
        blocks.Sum(b => b.RowCount).ShouldBe(5 * 200);
        blocks.ShouldAllBe(b => b.RowCount <= 150);

        using var cts = new CancellationTokenSource();
        cts.Cancel();
        Should.Throw<OperationCanceledException>(() => reader.ReadBlocks(new ReadSpec { Features = features }, cts.Token).ToList());
    }

    [Fact]
    public async Task Parallel_decoding_gives_the_same_blocks()
    {
        using var ws = new TempWorkspace();
        var summary = await SyntheticDataset.WriteAsync(Small(), ws.Path);
        using var reader = NumeraiParquetReader.Open(Path.Combine(summary.Directory, "validation.parquet"));
        var features = FeatureMetadata.Load(Path.Combine(summary.Directory, "features.json")).Resolve("all");

        var one = reader.ReadAll(new ReadSpec { Features = features, Target = "target", DecodeThreads = 1 });
        var three = reader.ReadAll(new ReadSpec { Features = features, Target = "target", DecodeThreads = 3, MaxRowsPerBlock = 333 });

        three.Features.ShouldBe(one.Features);
        three.Ids.ShouldBe(one.Ids);
        three.Eras.ShouldBe(one.Eras);
    }

    [Fact]
    public async Task Reused_feature_buffer_gives_the_same_blocks_one_array()
    {
        using var ws = new TempWorkspace();
        var summary = await SyntheticDataset.WriteAsync(Small(), ws.Path);
        using var reader = NumeraiParquetReader.Open(Path.Combine(summary.Directory, "train.parquet"));
        var features = FeatureMetadata.Load(Path.Combine(summary.Directory, "features.json")).Resolve("all");

        var fresh = reader.ReadBlocks(new ReadSpec { Features = features, MaxRowsPerBlock = 250 }).Select(b => (b.Features, b.RowCount)).ToList();
        var arrays = new HashSet<byte[]>(ReferenceEqualityComparer.Instance);
        var i = 0;
        foreach (var block in reader.ReadBlocks(new ReadSpec { Features = features, MaxRowsPerBlock = 250, ReuseFeatureBuffer = true }))
        {
            // consumed before the next block is read, as a streaming consumer does
            block.Features.ShouldBe(fresh[i].Features);
            block.RowCount.ShouldBe(fresh[i].RowCount);
            arrays.Add(block.Features);
            i++;
        }

        i.ShouldBe(fresh.Count);
        fresh.Count.ShouldBeGreaterThan(2);

        // one array per distinct block size (the last block of a row group may be shorter)
        arrays.Count.ShouldBeLessThanOrEqualTo(fresh.Select(b => b.RowCount).Distinct().Count() + 1);
        arrays.Count.ShouldBeLessThan(fresh.Count);
    }

    [Fact]
    public async Task Invalid_options_are_NP6606()
    {
        using var ws = new TempWorkspace();
        var ex = await Should.ThrowAsync<DataSchemaException>(() => SyntheticDataset.WriteAsync(new SyntheticDatasetOptions { FeatureCount = 0 }, ws.Path));
        ex.Code.ShouldBe("NP6606");
        ex.Message.ShouldContain("FeatureCount");
        (await Should.ThrowAsync<DataSchemaException>(() => SyntheticDataset.WriteAsync(new SyntheticDatasetOptions { ValidationEras = 2, UnlabelledValidationEras = 3 }, ws.Path))).Code.ShouldBe("NP6606");
    }

    private static List<double> PerEraCorrelation(DataBlock block, Func<int, double> prediction)
    {
        var result = new List<double>();
        foreach (var era in block.Eras.Select((e, i) => (e, i)).GroupBy(x => x.e))
        {
            var rows = era.Select(x => x.i).ToArray();
            var p = rows.Select(prediction).ToArray();
            var y = rows.Select(r => (double)block.Target![r]).ToArray();
            double mp = p.Average(), my = y.Average(), sxy = 0, sxx = 0, syy = 0;
            for (var i = 0; i < rows.Length; i++)
            {
                sxy += (p[i] - mp) * (y[i] - my);
                sxx += (p[i] - mp) * (p[i] - mp);
                syy += (y[i] - my) * (y[i] - my);
            }

            result.Add(sxx == 0 || syy == 0 ? 0 : sxy / Math.Sqrt(sxx * syy));
        }

        return result;
    }
}
