using System.Security.Cryptography;
using System.Text;

namespace NumeraiPipeline.Plugins.LightGbm.Training;

/// <summary>
/// The identity of a binned Dataset: the training file's content (SHA-256), which of its rows are kept (era_stride,
/// data_type and the rows whose target is labelled: two targets share a Dataset only when they label the same rows),
/// the features in order, the dataset parameters (<see cref="DatasetParameters"/>) and LightGBM's version (the binary
/// format). The labels are not part of it: each training sets its own.
/// </summary>
internal static class DatasetKey
{
    public static string Compute(string dataSha256, string keptRowsSha256, IReadOnlyList<string> features, LightGbmParameters parameters, string lightGbmVersion)
    {
        var text = new StringBuilder()
            .Append("lightgbm-dataset/1\n")
            .Append("lightgbm=").Append(lightGbmVersion).Append('\n')
            .Append("data=").Append(dataSha256).Append('\n')
            .Append("rows=").Append(keptRowsSha256).Append('\n')
            .Append("features=").Append(string.Join(',', features)).Append('\n');
        foreach (var p in DatasetParameters.Of(parameters))
        {
            text.Append(p).Append('\n');
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }
}
