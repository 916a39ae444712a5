using System.Text;
using System.Text.Json;

namespace NumeraiPipeline.Numerai.Data;

/// <summary>The <c>pandas</c> key-value metadata that makes pandas restore a column as the frame index.</summary>
internal static class PandasMetadata
{
    public static string IndexOnly(string indexColumn) =>
        "{\"index_columns\": [\"" + indexColumn + "\"], \"column_indexes\": [], \"columns\": [], " +
        "\"creator\": {\"library\": \"NumeraiPipeline\"}, \"pandas_version\": \"2.2.2\"}";

    /// <summary>
    /// The metadata pyarrow writes for a pandas frame: every column with its pandas and numpy type, the index column
    /// last (pyarrow appends the index), and pyarrow as the creator.
    /// </summary>
    public static string Full(string indexColumn, IReadOnlyList<string> stringColumns, IReadOnlyList<string> int8Columns, IReadOnlyList<string> float32Columns)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream))
        {
            json.WriteStartObject();
            json.WriteStartArray("index_columns");
            json.WriteStringValue(indexColumn);
            json.WriteEndArray();
            json.WriteStartArray("column_indexes");
            json.WriteStartObject();
            json.WriteNull("name");
            json.WriteNull("field_name");
            json.WriteString("pandas_type", "unicode");
            json.WriteString("numpy_type", "object");
            json.WriteStartObject("metadata");
            json.WriteString("encoding", "UTF-8");
            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteStartArray("columns");
            foreach (var c in stringColumns)
            {
                Column(json, c, "unicode", "object");
            }

            foreach (var c in int8Columns)
            {
                Column(json, c, "int8", "int8");
            }

            foreach (var c in float32Columns)
            {
                Column(json, c, "float32", "float32");
            }

            Column(json, indexColumn, "unicode", "object");
            json.WriteEndArray();
            json.WriteStartObject("creator");
            json.WriteString("library", "pyarrow");
            json.WriteString("version", "21.0.0");
            json.WriteEndObject();
            json.WriteString("pandas_version", "2.2.3");
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void Column(Utf8JsonWriter json, string name, string pandasType, string numpyType)
    {
        json.WriteStartObject();
        json.WriteString("name", name);
        json.WriteString("field_name", name);
        json.WriteString("pandas_type", pandasType);
        json.WriteString("numpy_type", numpyType);
        json.WriteNull("metadata");
        json.WriteEndObject();
    }
}
