using NumeraiPipeline.Sdk;

namespace NumeraiPipeline.Orchestrator.Diagnostics;

/// <summary>
/// The NP error catalogue of the host. Codes are never reused; plugins own NP6000–NP8999 (docs/DEVELOPING.md).
/// docs/errors.md is generated from this class by a test (DiagnosticCatalogueTests).
/// </summary>
[ErrorCatalogue("numerai-pipeline (the host)")]
internal static class DiagnosticCodes
{
    // NP1xxx: pipeline files.
    public static readonly ErrorCode YamlSyntax = new("NP1001", "YAML syntax error", "{0}", "Fix the YAML syntax at the given line and column.", ExitClass.InvalidInput);
    public static readonly ErrorCode UnknownKey = new("NP1002", "Unknown key", "unknown key '{0}' in {1}. Allowed keys: {2}.{3}", "Remove the key or correct its spelling.", ExitClass.InvalidInput);
    public static readonly ErrorCode MissingNeed = new("NP1003", "Missing dependency", "stage '{0}' needs '{1}', which does not exist.{2}", "Name an existing stage in 'needs'.", ExitClass.InvalidInput);
    public static readonly ErrorCode UnknownStageType = new("NP1004", "Unknown stage type", "stage '{0}' uses '{1}', which no loaded plugin provides.{2} Run 'numerai-pipeline plugins' to list stage types.", "Correct 'uses', or add the plugin that provides it.", ExitClass.InvalidInput);
    public static readonly ErrorCode Cycle = new("NP1005", "Dependency cycle", "the stages form a cycle: {0} (each needs the next). Remove one of these dependencies.", "Break the cycle by removing a 'needs' entry or a ${stages...} reference.", ExitClass.InvalidInput);
    public static readonly ErrorCode BadReference = new("NP1006", "Bad reference", "'{0}' {1}.{2}", "Refer to ${vars.NAME}, ${env.NAME}, ${secrets.NAME} or ${stages.ID.outputs.NAME} with names that exist.", ExitClass.InvalidInput);
    public static readonly ErrorCode MissingKey = new("NP1007", "Missing required key", "{0} has no '{1}'. {2}", "Add the key.", ExitClass.InvalidInput);
    public static readonly ErrorCode BadValue = new("NP1008", "Invalid value", "'{0}' must be {1}, but is {2}.", "Use a value of the expected kind.", ExitClass.InvalidInput);
    public static readonly ErrorCode PipelineNotFound = new("NP1009", "Pipeline not found", "no pipeline '{0}': looked for {1}.{2} Run 'numerai-pipeline list' to see the pipelines.", "Pass a pipeline name from 'list' or a path to a YAML file.", ExitClass.InvalidInput);
    public static readonly ErrorCode BadExtends = new("NP1010", "Bad extends", "{0}", "Point 'extends' at an existing pipeline that does not extend this one.", ExitClass.InvalidInput);
    public static readonly ErrorCode MissingEnv = new("NP1011", "Environment variable not set", "'${{env.{0}}}' is used but the environment variable '{0}' is not set. Set it, or use '${{env.{0}:-default}}' to give a default.", "Set the variable or give a default.", ExitClass.InvalidInput);
    public static readonly ErrorCode BadStageId = new("NP1012", "Invalid stage id", "stage id '{0}' is not valid: use letters, digits, '_' and '-', starting with a letter.", "Rename the stage.", ExitClass.InvalidInput);
    public static readonly ErrorCode DuplicateKey = new("NP1013", "Duplicate key", "key '{0}' appears twice in {1}.", "Keep one of them.", ExitClass.InvalidInput);
    public static readonly ErrorCode BadWhen = new("NP1014", "Invalid when", "'when: {0}' is not valid. Use success, failure, always, or a comparison such as \"${{stages.gate.outputs.passed}} == true\".", "Fix the condition.", ExitClass.InvalidInput);
    public static readonly ErrorCode NoStages = new("NP1015", "No stages", "the pipeline has no stages. Add a 'stages:' map with at least one stage.", "Add stages.", ExitClass.InvalidInput);
    public static readonly ErrorCode SelfNeed = new("NP1016", "Stage needs itself", "stage '{0}' lists itself in 'needs'.", "Remove it from its own 'needs'.", ExitClass.InvalidInput);
    public static readonly ErrorCode MissingSecretReference = new("NP1017", "Secret not set", "'${{secrets.{0}}}' is used but the secret '{0}' is not set: set the environment variable {0}, or point {0}_FILE at a file holding it.", "Provide the secret before the run.", ExitClass.InvalidInput);
    public static readonly ErrorCode BadShard = new("NP1019", "Bad --shard", "{0}", "Give --shard I/N with 1 <= I <= N (or the job runner's task index and count), and a --store the tasks share.", ExitClass.InvalidInput);
    public static readonly ErrorCode BadMatrix = new("NP1018", "Invalid matrix", "stage '{0}': {1}", "Give 'matrix' a map of keys to non-empty lists of plain values; include/exclude entries name matrix keys.", ExitClass.InvalidInput);
    // next free: NP1020

    // NP2xxx: stage options and CLI arguments.
    public static readonly ErrorCode OptionType = new("NP2001", "Wrong option type", "stage '{0}' ({1}): option '{2}' {3}.", "Give the option a value of the documented type ('numerai-pipeline plugins').", ExitClass.InvalidInput);
    public static readonly ErrorCode OptionInvalid = new("NP2002", "Invalid option", "stage '{0}' ({1}): {2}", "Fix the option as the message says ('numerai-pipeline plugins' documents every option).", ExitClass.InvalidInput);
    public static readonly ErrorCode UnknownOption = new("NP2003", "Unknown option", "stage '{0}' ({1}) has no option '{2}'.{3} Options: {4}.", "Remove or correct the option.", ExitClass.InvalidInput);
    public static readonly ErrorCode BadSetPath = new("NP2004", "Bad --set", "--set '{0}': {1}", "Use --set path=value with a path such as stages.train.with.params.num_leaves or vars.dataset.", ExitClass.InvalidInput);
    public static readonly ErrorCode BadArgument = new("NP2005", "Bad argument", "{0}", "See --help.", ExitClass.InvalidInput);
    public static readonly ErrorCode InitWouldOverwrite = new("NP2006", "init would overwrite", "'{0}' already exists, so init wrote nothing. Pass --force to overwrite the files init writes, or init another folder.", "Use --force, or another folder.", ExitClass.InvalidInput);
    // next free: NP2007

    // NP3xxx: plugins.
    public static readonly ErrorCode PluginLoadFailed = new("NP3001", "Plugin failed to load", "plugin '{0}' failed to load: {1}. Rebuild it against this version of NumeraiPipeline.Sdk, or remove its folder '{2}'.", "Rebuild or remove the plugin.", ExitClass.Environment);
    public static readonly ErrorCode DuplicateStageType = new("NP3002", "Duplicate stage type", "stage type '{0}' is defined by both '{1}' and '{2}'. Remove one of the plugins or rename one stage type.", "Keep one definition per stage id.", ExitClass.Environment);
    public static readonly ErrorCode StageWithoutAttribute = new("NP3003", "Stage without [Stage]", "'{0}' in plugin '{1}' implements IStage<> but has no [Stage(\"id\")] attribute; it is ignored.", "Add the attribute.", ExitClass.Environment);
    public static readonly ErrorCode SdkMismatch = new("NP3004", "SDK version mismatch", "plugin '{0}' was built against NumeraiPipeline.Sdk {1}, but this host provides {2}. Rebuild the plugin against Sdk {2}.", "Rebuild the plugin.", ExitClass.Environment);
    public static readonly ErrorCode NoPlugins = new("NP3005", "No plugins", "no plugins found in {0}. Build them with 'dotnet build', or pass --plugins DIR.", "Build the plugins or point --plugins at them.", ExitClass.Environment);
    public static readonly ErrorCode BadStageClass = new("NP3006", "Invalid stage class", "stage type '{0}' in plugin '{1}': {2}", "Fix the stage class.", ExitClass.Environment);
    public static readonly ErrorCode DuplicateCommand = new("NP3007", "Duplicate command", "the command '{0}' is defined by both '{1}' and '{2}'. Remove one of the plugins or rename one command.", "Keep one definition per command name.", ExitClass.Environment);
    public static readonly ErrorCode MissingFramework = new("NP3008", "Plugin framework not installed", "plugin '{0}' needs the shared framework {1} {2}, which is not installed ({3}). Install the .NET runtime that includes {1} (or set DOTNET_ROOT to the .NET installation that has it), or remove the plugin's folder '{4}'.", "Install the framework the plugin declares.", ExitClass.Environment);
    // next free: NP3009

    // NP4xxx: environment and workspace.
    public static readonly ErrorCode WorkspaceLocked = new("NP4001", "Workspace locked", "the workspace '{0}' is in use by another run (pid {1}, started {2}). Wait for it to finish, or use another --workspace.", "Wait, or use another workspace.", ExitClass.Environment);
    // NP4002 (missing secret) is retired: the planner finds a missing ${secrets.X} before any stage runs (NP1017), and
    // a plugin that reads a secret itself raises its own code; never reuse it.
    public static readonly ErrorCode WorkspaceUnwritable = new("NP4003", "Workspace not writable", "cannot write to the workspace '{0}': {1}.", "Choose a writable --workspace.", ExitClass.Environment);
    // next free: NP4004

    // NP5xxx: execution.
    public static readonly ErrorCode StageFailed = new("NP5001", "Stage failed", "{0}", "See the stage's message; fix and run again (up-to-date stages are skipped).", ExitClass.Failure);
    public static readonly ErrorCode DependencyFailed = new("NP5002", "Skipped", "skipped because {0}", "Fix the cause; a rerun resumes here.", ExitClass.Failure);
    public static readonly ErrorCode OutputMissing = new("NP5003", "Output not produced", "stage '{0}': output '{1}' was not produced: {2}. The plugin must write it through context.Outputs.", "Fix the plugin.", ExitClass.Failure);
    public static readonly ErrorCode Cancelled = new("NP5004", "Cancelled", "the run was cancelled.", "Run again to resume.", ExitClass.Cancelled);
    public static readonly ErrorCode InputMissing = new("NP5005", "Input missing", "stage '{0}': input file '{1}' (option '{2}') does not exist.", "Create the file or correct the path.", ExitClass.Failure);
    public static readonly ErrorCode UnexpectedError = new("NP5006", "Unexpected error", "stage '{0}' threw {1}: {2}. Run with --verbose for the stack trace.", "Report the bug to the plugin's author.", ExitClass.Failure);
    public static readonly ErrorCode UndeclaredOutput = new("NP5007", "Undeclared output", "stage '{0}' wrote output '{1}', which its type does not declare. Declared: {2}.", "Declare the output with [StageOutput].", ExitClass.Failure);
    public static readonly ErrorCode InternalError = new("NP5008", "Internal error", "internal error: {0}: {1}. This is a bug in numerai-pipeline: run with --verbose for the stack trace and report it.", "Report the bug with the --verbose output.", ExitClass.Failure);
    // next free: NP5009

    public static IEnumerable<ErrorCode> All() =>
        typeof(DiagnosticCodes).GetFields(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static)
            .Where(f => f.FieldType == typeof(ErrorCode))
            .Select(f => (ErrorCode)f.GetValue(null)!)
            .OrderBy(d => d.Code, StringComparer.Ordinal);
}
