namespace NumeraiPipeline.Numerai.Data;

/// <summary>The <c>pandas</c> key-value metadata that makes pandas restore a column as the frame index.</summary>
internal static class PandasMetadata
{
    public static string IndexOnly(string indexColumn) =>
        "{\"index_columns\": [\"" + indexColumn + "\"], \"column_indexes\": [], \"columns\": [], " +
        "\"creator\": {\"library\": \"NumeraiPipeline\"}, \"pandas_version\": \"2.2.2\"}";
}
