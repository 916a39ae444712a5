namespace NumeraiPipeline.Numerai.Data.Engines;

/// <summary>The one rule every engine applies to turn a feature value into the byte a block stores.</summary>
internal static class FeatureValues
{
    /// <summary>A whole number 0..254 as a byte; anything else is NP6604 naming the column and the value.</summary>
    public static byte FromInteger(long value, string column, string path) =>
        value is >= 0 and <= 254 ? (byte)value : throw OutOfRange(column, value.ToString(System.Globalization.CultureInfo.InvariantCulture), path);

    /// <summary>As <see cref="FromInteger"/> for an unsigned value.</summary>
    public static byte FromUnsigned(ulong value, string column, string path) =>
        value <= 254 ? (byte)value : throw OutOfRange(column, value.ToString(System.Globalization.CultureInfo.InvariantCulture), path);

    /// <summary>NaN is missing; otherwise a whole number 0..254.</summary>
    public static byte FromReal(double value, string column, string path)
    {
        if (double.IsNaN(value))
        {
            return DataBlock.MissingFeature;
        }

        return value is >= 0 and <= 254 && value == Math.Floor(value)
            ? (byte)value
            : throw OutOfRange(column, value.ToString("R", System.Globalization.CultureInfo.InvariantCulture), path);
    }

    public static DataSchemaException OutOfRange(string column, string value, string path) =>
        new(DataErrors.BadColumn, column, path, $"holds {value}, outside the whole numbers 0..254 the reader stores a feature in (is it a feature column?)");
}
