using Microsoft.ML;
using Microsoft.ML.Data;
using NumeraiPipeline.Numerai.Data;

namespace NumeraiPipeline.Plugins.MlNet;

/// <summary>Exposes the int8 rows of a <see cref="DataBlock"/> to ML.NET lazily (one float vector per row while a cursor reads it).</summary>
internal static class BlockDataView
{
    public const string FeaturesColumn = "Features";

    public const string LabelColumn = "Label";

    public static IDataView Create(MLContext ml, DataBlock block) => Create(ml, [block], block.FeatureCount);

    /// <summary>A view over several blocks read with the same spec, without copying them into one.</summary>
    public static IDataView Create(MLContext ml, IReadOnlyList<DataBlock> blocks, int featureCount)
    {
        var schema = SchemaDefinition.Create(typeof(FeatureRow));
        schema[FeaturesColumn].ColumnType = new VectorDataViewType(NumberDataViewType.Single, featureCount);
        return ml.Data.LoadFromEnumerable(blocks.SelectMany(Rows), schema);
    }

    private static IEnumerable<FeatureRow> Rows(DataBlock block)
    {
        for (var r = 0; r < block.RowCount; r++)
        {
            var values = new float[block.FeatureCount];
            var row = block.GetRow(r);
            for (var j = 0; j < values.Length; j++)
            {
                values[j] = row[j] == DataBlock.MissingFeature ? float.NaN : row[j];
            }

            yield return new FeatureRow { Features = values, Label = block.Target is null ? 0f : block.Target[r] };
        }
    }
}
