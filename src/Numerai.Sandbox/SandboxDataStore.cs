using System.Collections.Concurrent;

namespace NumeraiPipeline.Numerai.Sandbox;

/// <summary>
/// The dataset files the sandbox serves: from <see cref="SandboxOptions.DataDirectory"/> as they are, or generated
/// once per (seed, sizes, version) into the cache folder, with a live file per round.
/// </summary>
internal sealed class SandboxDataStore(SandboxOptions options, ISandboxDataGenerator? generator)
{
    private readonly ConcurrentDictionary<string, Lazy<Task<string>>> prepared = new();
    private readonly ConcurrentDictionary<string, Lazy<Task<IReadOnlySet<string>>>> liveIds = new();

    public string NewestVersion => options.Versions[^1];

    /// <summary>The files offered for a version (relative names such as <c>train.parquet</c>).</summary>
    public IReadOnlyList<string> Files(string version)
    {
        if (options.DataDirectory is { } dir)
        {
            var folder = Path.Combine(dir, version);
            return Directory.Exists(folder)
                ? [.. Directory.EnumerateFiles(folder).Select(Path.GetFileName).OfType<string>().Where(f => !IsPerRoundFile(f) && !f.StartsWith('.')).Order(StringComparer.Ordinal)]
                : [];
        }

        return generator?.FileNames ?? [];
    }

    private static bool IsPerRoundFile(string name) =>
        System.Text.RegularExpressions.Regex.IsMatch(name, @"^live(_example_preds)?_\d+\.parquet$", System.Text.RegularExpressions.RegexOptions.None, TimeSpan.FromSeconds(1));

    /// <summary>The path of a file for a round, preparing it first; null when the version or file does not exist.</summary>
    public async Task<string?> GetPathAsync(string version, string file, int round, CancellationToken cancellationToken)
    {
        if (!options.Versions.Contains(version) || !Files(version).Contains(file))
        {
            return null;
        }

        var folder = await PrepareAsync(version, cancellationToken);
        if (file is "live.parquet" or "live_example_preds.parquet")
        {
            var stem = Path.GetFileNameWithoutExtension(file);
            var perRound = Path.Combine(folder, $"{stem}_{round}.parquet");
            if (!File.Exists(perRound) && options.DataDirectory is null && generator is not null)
            {
                await GenerateLiveAsync(version, folder, round, cancellationToken);
            }

            return File.Exists(perRound) ? perRound : File.Exists(Path.Combine(folder, file)) ? Path.Combine(folder, file) : null;
        }

        var path = Path.Combine(folder, file);
        return File.Exists(path) ? path : null;
    }

    /// <summary>The live ids of a round (of the newest version's live file).</summary>
    public Task<IReadOnlySet<string>> GetLiveIdsAsync(int round, CancellationToken cancellationToken) =>
        liveIds.GetOrAdd(round.ToString(System.Globalization.CultureInfo.InvariantCulture), _ => new Lazy<Task<IReadOnlySet<string>>>(async () =>
        {
            var path = await GetPathAsync(NewestVersion, "live.parquet", round, CancellationToken.None)
                ?? throw new InvalidOperationException($"the sandbox has no live.parquet for {NewestVersion}");
            return await LiveIdReader.ReadAsync(path, CancellationToken.None);
        })).Value.WaitAsync(cancellationToken);

    /// <summary>The round's example predictions (id → prediction), or null when the data has none.</summary>
    public async Task<IReadOnlyDictionary<string, double>?> GetExamplePredictionsAsync(int round, CancellationToken cancellationToken)
    {
        if (!Files(NewestVersion).Contains("live_example_preds.parquet"))
        {
            return null;
        }

        var path = await GetPathAsync(NewestVersion, "live_example_preds.parquet", round, cancellationToken);
        if (path is null)
        {
            return null;
        }

        var predictions = Data.PredictionsFile.Read(path);
        var map = new Dictionary<string, double>(predictions.Count, StringComparer.Ordinal);
        for (var i = 0; i < predictions.Count; i++)
        {
            map[predictions.Ids[i]] = predictions.Values[i];
        }

        return map;
    }

    private Task<string> PrepareAsync(string version, CancellationToken cancellationToken)
    {
        if (options.DataDirectory is { } dir)
        {
            return Task.FromResult(Path.Combine(dir, version));
        }

        var gen = generator ?? throw new InvalidOperationException("the sandbox has neither a data folder nor a generator");
        return prepared.GetOrAdd(version, v => new Lazy<Task<string>>(async () =>
        {
            var folder = Path.Combine(options.CacheDirectory, $"seed{options.Seed}-r{options.Rows}-f{options.Features}-e{options.Eras}", v);
            var done = Path.Combine(folder, ".complete");
            if (File.Exists(done))
            {
                return folder;
            }

            // Generate beside the final folder, then rename: a crash never leaves a half-written dataset in the cache.
            var temp = folder + ".tmp-" + Guid.NewGuid().ToString("N")[..8];
            Directory.CreateDirectory(temp);
            try
            {
                await gen.GenerateAsync(temp, v, options, CancellationToken.None);
                var written = Path.Combine(temp, v);
                await File.WriteAllTextAsync(Path.Combine(written, ".complete"), DateTimeOffset.UtcNow.ToString("O"), CancellationToken.None);
                // Another sandbox (a parallel test, a second process) may finish the same dataset first: a complete
                // folder is never replaced, since its files may be in use; only a leftover without '.complete' is.
                if (!File.Exists(done))
                {
                    if (Directory.Exists(folder))
                    {
                        Directory.Delete(folder, recursive: true);
                    }

                    try
                    {
                        Directory.Move(written, folder);
                    }
                    catch (IOException) when (File.Exists(done))
                    {
                    }
                }
            }
            finally
            {
                if (Directory.Exists(temp))
                {
                    Directory.Delete(temp, recursive: true);
                }
            }

            return folder;
        })).Value.WaitAsync(cancellationToken);
    }

    private readonly ConcurrentDictionary<string, Lazy<Task>> liveGeneration = new();

    private Task GenerateLiveAsync(string version, string folder, int round, CancellationToken cancellationToken) =>
        liveGeneration.GetOrAdd($"{version}/{round}", _ => new Lazy<Task>(async () =>
        {
            // The generator writes each file to a temporary name and renames it, live file last.
            await generator!.GenerateLiveAsync(
                Path.Combine(folder, $"live_{round}.parquet"), Path.Combine(folder, $"live_example_preds_{round}.parquet"), version, round, options, CancellationToken.None);
        })).Value.WaitAsync(cancellationToken);
}
