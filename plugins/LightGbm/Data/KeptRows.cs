using System.Security.Cryptography;
using NumeraiPipeline.Numerai.Data;

namespace NumeraiPipeline.Plugins.LightGbm.Data;

/// <summary>
/// Which rows of a file a training keeps, as a hash: the rows after era_stride and data_type, each marked labelled or
/// not for the target (the training drops unlabelled rows). Reads only the small columns (era, data_type, the target).
/// </summary>
internal static class KeptRows
{
    public static string Sha256(string path, string target, int eraStride, string? dataType, CancellationToken cancellationToken)
    {
        using var reader = NumeraiParquetReader.Open(path);
        var spec = new ReadSpec { Features = [], Target = target, EraStride = eraStride, DataType = dataType, IncludeIds = false, DropMissingTarget = false };
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var bits = new byte[64 * 1024];
        foreach (var block in reader.ReadBlocks(spec, cancellationToken))
        {
            var labels = block.Target ?? throw new InvalidDataException($"no target column '{target}'");
            for (var start = 0; start < labels.Length; start += bits.Length)
            {
                var n = Math.Min(bits.Length, labels.Length - start);
                for (var i = 0; i < n; i++)
                {
                    bits[i] = float.IsNaN(labels[start + i]) ? (byte)0 : (byte)1;
                }

                hash.AppendData(bits, 0, n);
            }
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
