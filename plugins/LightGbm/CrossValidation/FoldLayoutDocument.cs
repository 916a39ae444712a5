using System.Text.Json;
using System.Text.Json.Serialization;

namespace NumeraiPipeline.Plugins.LightGbm.CrossValidation;

/// <summary>
/// folds.json of lightgbm.cv: <c>{"folds": K, "embargo": E, "eras": [all, in time order], "layout": [{"fold",
/// "train": [...], "test": [...], "embargoed": [...]}]}</c>: which eras each fold's model trained on, predicted and
/// left out.
/// </summary>
internal sealed class FoldLayoutDocument
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    [JsonPropertyName("folds")]
    public int Folds { get; init; }

    [JsonPropertyName("embargo")]
    public int Embargo { get; init; }

    [JsonPropertyName("eras")]
    public required IReadOnlyList<string> Eras { get; init; }

    [JsonPropertyName("layout")]
    public required IReadOnlyList<FoldLayoutEntry> Layout { get; init; }

    public static FoldLayoutDocument From(IReadOnlyList<string> eras, int embargo, IReadOnlyList<CvFold> folds) => new()
    {
        Folds = folds.Count,
        Embargo = embargo,
        Eras = eras,
        Layout = [.. folds.Select(f => new FoldLayoutEntry { Fold = f.Index, Train = f.TrainEras, Test = f.TestEras, Embargoed = f.EmbargoedEras })],
    };

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static FoldLayoutDocument FromJson(string json) => JsonSerializer.Deserialize<FoldLayoutDocument>(json) ?? throw new JsonException("empty document");
}
