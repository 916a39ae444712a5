using System.Diagnostics;
using System.Globalization;
using NumeraiPipeline.Numerai.Api;
using NumeraiPipeline.Numerai.Sandbox;

// Figures of the API client against the sandbox on loopback: data generation, GraphQL round trips, downloads
// (plain, resumed after a cut, skipped), a submission. Usage: dotnet run -c Release --project bench/Api.Bench -- [rows] [features] [eras]
var rows = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 100_000;
var features = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 300;
var eras = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 200;
var work = Path.Combine(Path.GetTempPath(), "np-api-bench-" + Environment.ProcessId);
Directory.CreateDirectory(work);
try
{
    var sw = Stopwatch.StartNew();
    await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions { Rows = rows, Features = features, Eras = eras, Versions = ["v5.2"], CacheDirectory = Path.Combine(work, "cache") });
    var files = await sandbox.PrepareAsync();
    Console.WriteLine($"generate {rows} rows x {features} features, {eras} eras: {files} files in {sw.Elapsed.TotalSeconds:0.00} s");

    using var client = new NumeraiClient(new NumeraiClientOptions { Endpoint = sandbox.Url, Credentials = SandboxServer.DemoCredentials });
    await client.GetCurrentRoundAsync();
    const int calls = 500;
    sw.Restart();
    for (var i = 0; i < calls; i++)
    {
        await client.GetCurrentRoundAsync();
    }

    Console.WriteLine($"graphql rounds(number: 0): {calls / sw.Elapsed.TotalSeconds:0} calls/s ({sw.Elapsed.TotalMilliseconds / calls:0.00} ms each)");

    var dest = Path.Combine(work, "train.parquet");
    var plain = await client.DownloadFileAsync(await client.GetDatasetUrlAsync("v5.2/train.parquet"), dest);
    Console.WriteLine($"download train.parquet: {plain.Bytes / 1e6:0.0} MB in {plain.Duration.TotalSeconds:0.00} s = {plain.Bytes / 1e6 / plain.Duration.TotalSeconds:0} MB/s");

    var skip = await client.DownloadFileAsync(await client.GetDatasetUrlAsync("v5.2/train.parquet"), dest);
    Console.WriteLine($"unchanged train.parquet skipped: {skip.Skipped} in {skip.Duration.TotalMilliseconds:0.0} ms");

    File.Delete(dest);
    sandbox.Faults.CutDownloads(1);
    var resumed = await client.DownloadFileAsync(await client.GetDatasetUrlAsync("v5.2/train.parquet"), dest);
    Console.WriteLine($"cut at half then resumed: {resumed.Attempts} GETs, {resumed.BytesTransferred / 1e6:0.0} MB transferred for {resumed.Bytes / 1e6:0.0} MB, resumed={resumed.Resumed}, {resumed.Duration.TotalSeconds:0.00} s");

    var live = Path.Combine(work, "example.parquet");
    await client.DownloadFileAsync(await client.GetDatasetUrlAsync("v5.2/live_example_preds.parquet"), live);
    var predictions = NumeraiPipeline.Numerai.Data.PredictionsFile.Read(live);
    var csv = Path.Combine(work, "predictions.csv");
    NumeraiPipeline.Numerai.Data.PredictionsFile.WriteCsv(csv, predictions.Ids, predictions.Values);
    var modelId = sandbox.ModelIds[SandboxServer.DemoModel];
    sw.Restart();
    var auth = await client.GetSubmissionUploadAuthAsync("predictions.csv", modelId);
    await client.UploadFileAsync(auth.Url, csv);
    var id = await client.CreateSubmissionAsync(auth.Filename, modelId);
    var listed = (await client.GetSubmissionsAsync(modelId)).Any(s => s.Id == id);
    Console.WriteLine($"submission of {predictions.Count} rows (auth, PUT, create with validation, read back): {sw.Elapsed.TotalMilliseconds:0} ms, listed={listed}");
}
finally
{
    Directory.Delete(work, recursive: true);
}
