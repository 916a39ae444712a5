using System.Diagnostics;
using Microsoft.Extensions.Logging;
using NumeraiPipeline.Orchestrator.Diagnostics;
using NumeraiPipeline.Orchestrator.Incremental;
using NumeraiPipeline.Orchestrator.Planning;
using NumeraiPipeline.Orchestrator.Telemetry;
using NumeraiPipeline.Sdk;

namespace NumeraiPipeline.Orchestrator.Execution;

internal sealed partial class PipelineExecutor
{
    private async Task<StageRecord> RunStageAsync(PlannedStage stage, Activity? span, StateTracker state, CancellationToken cancellationToken)
    {
        var stopwatch = Stopwatch.StartNew();
        var stageLogger = options.LoggerFactory.CreateLogger(stage.Descriptor.Id);
        IReadOnlyList<StaleReason> reasons = [];
        StageRecord Record(StageOutcome outcome, string? message, string? code, IReadOnlyDictionary<string, string>? outputs = null, IReadOnlyDictionary<string, string>? summary = null) =>
            new(stage.Id, stage.Descriptor.Id, outcome, stopwatch.Elapsed, message is null ? null : options.Secrets.Redact(message), code, outputs ?? new Dictionary<string, string>(), summary ?? new Dictionary<string, string>(), reasons);

        StageRecord Failed(string code, string message, int exit = ExitCodes.StageFailed)
        {
            var prefix = $"stage '{stage.Id}': ";
            message = message.StartsWith(prefix, StringComparison.Ordinal) ? message[prefix.Length..] : message;
            Log.StageError(stageLogger, options.Secrets.Redact($"stage '{stage.Id}': error {code}: {message}"));
            return Record(StageOutcome.Failed, message, code) with { ExitCode = ExitCodes.ForFailure(code, exit) };
        }

        // Bind the options with the outputs of the stages it depends on.
        var diagnostics = new List<Diagnostic>();
        var resolver = new ValueResolver(plan.Pipeline, options.Secrets, StageOutput, plan.Environment);
        var bound = stage.Bound?.Options ?? OptionsBinder.Bind(stage.Definition, stage.Descriptor, resolver, diagnostics);
        var usedSecrets = stage.Bound?.SecretValues ?? resolver.UsedSecretValues;
        if (bound is null || diagnostics.Count > 0)
        {
            var first = diagnostics.FirstOrDefault();
            return Failed(first?.Code ?? DiagnosticCodes.OptionInvalid.Code, string.Join(" ", diagnostics.Select(d => d.Render())));
        }

        foreach (var (option, artifact) in OptionsBinder.Artifacts(bound))
        {
            if (!File.Exists(artifact.Path) && !Directory.Exists(artifact.Path))
            {
                return Failed(DiagnosticCodes.InputMissing.Code, DiagnosticCodes.InputMissing.Create("", stage.Id, Definition.SourceLocation.DisplayPath(artifact.Path), option).Message);
            }
        }

        var outputDirectory = Path.Combine(options.Workspace, "artifacts", plan.Pipeline.Name, stage.Id);
        var outputs = new HostStageOutputs(outputDirectory, stage.Descriptor.Outputs.Select(o => o.Name).ToList(), stage.Id)
        {
            // A secret output is redacted from the moment it is set, before the stage can log it.
            OnValue = (name, value) =>
            {
                if (IsSecretOutput(stage, name))
                {
                    options.Secrets.Register(value);
                }
            },
        };
        var context = new HostStageContext(runId, plan.Pipeline.Name, stage.Id, options.Workspace, outputs, stageLogger, options.Secrets, options.Time, Snapshot, r =>
        {
            lock (resources)
            {
                resources.Add(r);
            }
        }, Store, state);

        string? external = null;
        if (stage.Descriptor.HasExternalVersion)
        {
            try
            {
                var method = ContractMethod(typeof(IExternalVersionSource<>), stage.Descriptor.OptionsType, nameof(IExternalVersionSource<object>.GetExternalVersionAsync));
                var instance = Activator.CreateInstance(stage.Descriptor.StageType)!;
                external = await ((Task<string?>)method.Invoke(instance, [context, bound, cancellationToken])!).ConfigureAwait(false);
            }
            catch (Exception ex) when (Unwrap(ex) is not OperationCanceledException)
            {
                external = "unavailable-" + runId;
                Log.ExternalVersionFailed(stageLogger, stage.Id, options.Secrets.Redact(Unwrap(ex).Message));
            }
        }

        // Secret outputs of earlier stages (API keys) never enter a fingerprint, like ${secrets.X}.
        var components = FingerprintCalculator.Compute(stage.Descriptor, bound, hashes, usedSecrets.Concat(secretOutputs.Values), external);
        var stamp = stamps.Read(stage.Id, out var stampProblem);
        var forced = options.ForceAll || options.ForceStages.Contains(stage.Id);
        // A 'when: always' or 'when: failure' stage (a notifier, a clean-up) reports on this run: it is never up to date.
        var neverCached = stage.Definition.Cache == Definition.CacheMode.Never || stage.When.Kind is Definition.WhenKind.Always or Definition.WhenKind.Failure;
        reasons = UpToDateChecker.Check(stamp, components, options.Workspace, hashes, forced, neverCached, stampProblem);
        if (stage.Descriptor.Outputs.Any(o => o.Secret))
        {
            // A secret output is never stored, so such a stage has nothing to be up to date with: it runs every time.
            reasons = [.. reasons, new StaleReason(StaleKind.SecretOutput, "it has a secret output, which is never stored")];
            neverCached = true;
        }
        span?.SetTag(PipelineTelemetry.StageFingerprint, UpToDateChecker.Short(components.Compute()));
        StageRecord UpToDate(Stamp current)
        {
            Log.UpToDate(stageLogger, stage.Id, UpToDateChecker.Short(current.Fingerprint));
            // Stamps may come from another workspace (the store): values naming workspace files are re-rooted here.
            var upToDate = current.Outputs.ToDictionary(o => o.Key, o => o.Value.Kind == "file" ? Path.Combine(options.Workspace, o.Value.Path!) : WorkspacePaths.Rebase(o.Value.Value ?? "", options.Workspace), StringComparer.Ordinal);
            return Record(StageOutcome.UpToDate, null, null, upToDate, WorkspacePaths.Rebase(current.Summary, options.Workspace));
        }

        if (reasons.Count == 0 && stamp is not null)
        {
            return UpToDate(stamp);
        }

        // A task of a sharded run: the stage is done once across the tasks, under the lease of its fingerprint.
        ShardClaim? claim = null;
        if (shardCoordinator is not null && !neverCached && !forced)
        {
            claim = await shardCoordinator.ClaimAsync(stage.Id, components.Compute(), () =>
            {
                stamp = stamps.Read(stage.Id, out stampProblem);
                reasons = UpToDateChecker.Check(stamp, components, options.Workspace, hashes, forced, neverCached, stampProblem);
                return reasons.Count == 0 && stamp is not null;
            }, cancellationToken).ConfigureAwait(false);
            if (claim.Pulled)
            {
                return UpToDate(stamp!);
            }
        }

        // Given back after the outputs and stamp are pushed (or the stage failed), so waiting tasks find them.
        await using var held = claim;

        Log.WillRun(stageLogger, stage.Id, stage.Descriptor.Id, string.Join("; ", reasons));

        // A crash from here on must not leave a stamp that claims the old outputs are current.
        stamps.Delete(stage.Id);
        StageResult result;
        try
        {
            var instance = Activator.CreateInstance(stage.Descriptor.StageType)!;
            var method = ContractMethod(typeof(IStage<>), stage.Descriptor.OptionsType, nameof(IStage<object>.RunAsync));
            try
            {
                result = await ((Task<StageResult>)method.Invoke(instance, [context, bound, cancellationToken])!).ConfigureAwait(false);
            }
            finally
            {
                await context.ReleaseLeasesAsync().ConfigureAwait(false);
            }
        }
        catch (Exception raw)
        {
            var ex = Unwrap(raw);
            span?.AddEvent(new ActivityEvent("exception", tags: new ActivityTagsCollection
            {
                ["exception.type"] = ex.GetType().FullName,
                ["exception.message"] = options.Secrets.Redact(ex.Message),
            }));
            Log.StageThrew(stageLogger, ex, stage.Id);
            if (ex is OperationCanceledException && cancellationToken.IsCancellationRequested)
            {
                return Record(StageOutcome.Cancelled, DiagnosticCodes.Cancelled.Format(), DiagnosticCodes.Cancelled.Code);
            }

            return ex is StageException se
                ? Failed(se.Code, se.Message, se.ExitCode)
                : Failed(DiagnosticCodes.UnexpectedError.Code, DiagnosticCodes.UnexpectedError.Create("", stage.Id, ex.GetType().Name, ex.Message.TrimEnd('.')).Message);
        }

        var summary = context.SummaryValues.ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);
        var produced = outputs.Files.ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);
        foreach (var (k, v) in outputs.Values)
        {
            produced[k] = IsSecretOutput(stage, k) ? HideSecret(stage.Id, k, v) : v;
        }

        switch (result.Status)
        {
            case StageResultStatus.Failed:
                // a plugin that gives no code (StageResult.Failed(null, ...)) fails with NP5001 and its own message
                return string.IsNullOrEmpty(result.Code)
                    ? Failed(DiagnosticCodes.StageFailed.Code, DiagnosticCodes.StageFailed.Format(result.Message ?? "the stage failed without saying why"))
                    : Failed(result.Code, result.Message ?? "failed");
            case StageResultStatus.Declined:
                stageLogger.LogWarning("Stage '{Stage}' declined: {Code}: {Reason}", stage.Id, result.Code, options.Secrets.Redact(result.Message ?? ""));
                return Record(StageOutcome.Declined, result.Message, result.Code, produced, summary);
        }

        var stampOutputs = new Dictionary<string, StampOutput>(StringComparer.Ordinal);
        foreach (var (name, path) in outputs.Files)
        {
            var info = new FileInfo(path);
            var sha = outputs.KnownHashes.TryGetValue(path, out var known) ? known : FileHashCache.Compute(path);
            hashes.Remember(path, sha);
            stampOutputs[name] = new StampOutput("file", Path.GetRelativePath(options.Workspace, path), null, info.Length, info.LastWriteTimeUtc.Ticks, sha);
        }

        foreach (var (name, value) in outputs.Values.Where(v => !IsSecretOutput(stage, v.Key)))
        {
            stampOutputs[name] = new StampOutput("value", null, WorkspacePaths.Relativize(options.Secrets.Redact(value), options.Workspace), 0, 0, null);
        }

        if (!neverCached)
        {
            stamps.Write(new Stamp
            {
                Stage = stage.Id,
                Fingerprint = components.Compute(),
                Components = components,
                Outputs = stampOutputs,
                Summary = WorkspacePaths.Relativize(summary, options.Workspace),
                RunId = runId,
                StartedAt = options.Time.GetUtcNow() - stopwatch.Elapsed,
                FinishedAt = options.Time.GetUtcNow(),
            });
        }

        if (await CommitAsync(stage, outputs, state, neverCached, cancellationToken).ConfigureAwait(false) is { } notStored)
        {
            return Failed(notStored.Code, notStored.Message);
        }

        return Record(StageOutcome.Succeeded, null, null, produced, summary);
    }
}
