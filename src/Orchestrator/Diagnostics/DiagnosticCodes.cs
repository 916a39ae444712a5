namespace NumeraiPipeline.Orchestrator.Diagnostics;

/// <summary>
/// The NP error catalogue of the host. Codes are never reused; plugins own NP6000–NP8999 (docs/DEVELOPING.md).
/// docs/errors.md is generated from this class by a test (DiagnosticCatalogueTests).
/// </summary>
internal static class DiagnosticCodes
{
    // NP1xxx: pipeline files.
    public static readonly DiagnosticDescriptor YamlSyntax = new("NP1001", "YAML syntax error", "{0}", "Fix the YAML syntax at the given line and column.");
    public static readonly DiagnosticDescriptor UnknownKey = new("NP1002", "Unknown key", "unknown key '{0}' in {1}. Allowed keys: {2}.{3}", "Remove the key or correct its spelling.");
    public static readonly DiagnosticDescriptor MissingNeed = new("NP1003", "Missing dependency", "stage '{0}' needs '{1}', which does not exist.{2}", "Name an existing stage in 'needs'.");
    public static readonly DiagnosticDescriptor UnknownStageType = new("NP1004", "Unknown stage type", "stage '{0}' uses '{1}', which no loaded plugin provides.{2} Run 'numerai-pipeline plugins' to list stage types.", "Correct 'uses', or add the plugin that provides it.");
    public static readonly DiagnosticDescriptor Cycle = new("NP1005", "Dependency cycle", "the stages form a cycle: {0} (each needs the next). Remove one of these dependencies.", "Break the cycle by removing a 'needs' entry or a ${stages...} reference.");
    public static readonly DiagnosticDescriptor BadReference = new("NP1006", "Bad reference", "'{0}' {1}.{2}", "Refer to ${vars.NAME}, ${env.NAME}, ${secrets.NAME} or ${stages.ID.outputs.NAME} with names that exist.");
    public static readonly DiagnosticDescriptor MissingKey = new("NP1007", "Missing required key", "{0} has no '{1}'. {2}", "Add the key.");
    public static readonly DiagnosticDescriptor BadValue = new("NP1008", "Invalid value", "'{0}' must be {1}, but is {2}.", "Use a value of the expected kind.");
    public static readonly DiagnosticDescriptor PipelineNotFound = new("NP1009", "Pipeline not found", "no pipeline '{0}': looked for {1}.{2} Run 'numerai-pipeline list' to see the pipelines.", "Pass a pipeline name from 'list' or a path to a YAML file.");
    public static readonly DiagnosticDescriptor BadExtends = new("NP1010", "Bad extends", "{0}", "Point 'extends' at an existing pipeline that does not extend this one.");
    public static readonly DiagnosticDescriptor MissingEnv = new("NP1011", "Environment variable not set", "'${{env.{0}}}' is used but the environment variable '{0}' is not set. Set it, or use '${{env.{0}:-default}}' to give a default.", "Set the variable or give a default.");
    public static readonly DiagnosticDescriptor BadStageId = new("NP1012", "Invalid stage id", "stage id '{0}' is not valid: use letters, digits, '_' and '-', starting with a letter.", "Rename the stage.");
    public static readonly DiagnosticDescriptor DuplicateKey = new("NP1013", "Duplicate key", "key '{0}' appears twice in {1}.", "Keep one of them.");
    public static readonly DiagnosticDescriptor BadWhen = new("NP1014", "Invalid when", "'when: {0}' is not valid. Use success, failure, always, or a comparison such as \"${{stages.gate.outputs.passed}} == true\".", "Fix the condition.");
    public static readonly DiagnosticDescriptor NoStages = new("NP1015", "No stages", "the pipeline has no stages. Add a 'stages:' map with at least one stage.", "Add stages.");
    public static readonly DiagnosticDescriptor SelfNeed = new("NP1016", "Stage needs itself", "stage '{0}' lists itself in 'needs'.", "Remove it from its own 'needs'.");
    public static readonly DiagnosticDescriptor MissingSecretReference = new("NP1017", "Secret not set", "'${{secrets.{0}}}' is used but the secret '{0}' is not set: set the environment variable {0}, or point {0}_FILE at a file holding it.", "Provide the secret before the run.");
    // next free: NP1018

    // NP2xxx: stage options and CLI arguments.
    public static readonly DiagnosticDescriptor OptionType = new("NP2001", "Wrong option type", "stage '{0}' ({1}): option '{2}' {3}.", "Give the option a value of the documented type ('numerai-pipeline plugins').");
    public static readonly DiagnosticDescriptor OptionInvalid = new("NP2002", "Invalid option", "stage '{0}' ({1}): {2}", "Fix the option as the message says ('numerai-pipeline plugins' documents every option).");
    public static readonly DiagnosticDescriptor UnknownOption = new("NP2003", "Unknown option", "stage '{0}' ({1}) has no option '{2}'.{3} Options: {4}.", "Remove or correct the option.");
    public static readonly DiagnosticDescriptor BadSetPath = new("NP2004", "Bad --set", "--set '{0}': {1}", "Use --set path=value with a path such as stages.train.with.params.num_leaves or vars.dataset.");
    public static readonly DiagnosticDescriptor BadArgument = new("NP2005", "Bad argument", "{0}", "See --help.");
    public static readonly DiagnosticDescriptor InitWouldOverwrite = new("NP2006", "init would overwrite", "'{0}' already exists, so init wrote nothing. Pass --force to overwrite the files init writes, or init another folder.", "Use --force, or another folder.");
    // next free: NP2007

    // NP3xxx: plugins.
    public static readonly DiagnosticDescriptor PluginLoadFailed = new("NP3001", "Plugin failed to load", "plugin '{0}' failed to load: {1}. Rebuild it against this version of NumeraiPipeline.Sdk, or remove its folder '{2}'.", "Rebuild or remove the plugin.");
    public static readonly DiagnosticDescriptor DuplicateStageType = new("NP3002", "Duplicate stage type", "stage type '{0}' is defined by both '{1}' and '{2}'. Remove one of the plugins or rename one stage type.", "Keep one definition per stage id.");
    public static readonly DiagnosticDescriptor StageWithoutAttribute = new("NP3003", "Stage without [Stage]", "'{0}' in plugin '{1}' implements IStage<> but has no [Stage(\"id\")] attribute; it is ignored.", "Add the attribute.");
    public static readonly DiagnosticDescriptor SdkMismatch = new("NP3004", "SDK version mismatch", "plugin '{0}' was built against NumeraiPipeline.Sdk {1}, but this host provides {2}. Rebuild the plugin against Sdk {2}.", "Rebuild the plugin.");
    public static readonly DiagnosticDescriptor NoPlugins = new("NP3005", "No plugins", "no plugins found in {0}. Build them with 'dotnet build', or pass --plugins DIR.", "Build the plugins or point --plugins at them.");
    public static readonly DiagnosticDescriptor BadStageClass = new("NP3006", "Invalid stage class", "stage type '{0}' in plugin '{1}': {2}", "Fix the stage class.");
    public static readonly DiagnosticDescriptor DuplicateCommand = new("NP3007", "Duplicate command", "the command '{0}' is defined by both '{1}' and '{2}'. Remove one of the plugins or rename one command.", "Keep one definition per command name.");
    // next free: NP3008

    // NP4xxx: environment and workspace.
    public static readonly DiagnosticDescriptor WorkspaceLocked = new("NP4001", "Workspace locked", "the workspace '{0}' is in use by another run (pid {1}, started {2}). Wait for it to finish, or use another --workspace.", "Wait, or use another workspace.");
    public static readonly DiagnosticDescriptor MissingSecret = new("NP4002", "Missing secret", "secret '{0}' is not set: set the environment variable {0} or point {0}_FILE at a file holding it.", "Provide the secret.");
    public static readonly DiagnosticDescriptor WorkspaceUnwritable = new("NP4003", "Workspace not writable", "cannot write to the workspace '{0}': {1}.", "Choose a writable --workspace.");
    // next free: NP4004

    // NP5xxx: execution.
    public static readonly DiagnosticDescriptor StageFailed = new("NP5001", "Stage failed", "{0}", "See the stage's message; fix and run again (up-to-date stages are skipped).");
    public static readonly DiagnosticDescriptor DependencyFailed = new("NP5002", "Skipped", "skipped because {0}.", "Fix the cause; a rerun resumes here.");
    public static readonly DiagnosticDescriptor OutputMissing = new("NP5003", "Output not produced", "stage '{0}' finished without its declared output '{1}'. The plugin must write it through context.Outputs.", "Fix the plugin.");
    public static readonly DiagnosticDescriptor Cancelled = new("NP5004", "Cancelled", "the run was cancelled.", "Run again to resume.");
    public static readonly DiagnosticDescriptor InputMissing = new("NP5005", "Input missing", "stage '{0}': input file '{1}' (option '{2}') does not exist.", "Create the file or correct the path.");
    public static readonly DiagnosticDescriptor UnexpectedError = new("NP5006", "Unexpected error", "stage '{0}' threw {1}: {2}. Run with --verbose for the stack trace.", "Report the bug to the plugin's author.");
    public static readonly DiagnosticDescriptor UndeclaredOutput = new("NP5007", "Undeclared output", "stage '{0}' wrote output '{1}', which its type does not declare. Declared: {2}.", "Declare the output with [StageOutput].");
    public static readonly DiagnosticDescriptor InternalError = new("NP5008", "Internal error", "internal error: {0}: {1}. This is a bug in numerai-pipeline: run with --verbose for the stack trace and report it.", "Report the bug with the --verbose output.");
    // next free: NP5009

    public static IEnumerable<DiagnosticDescriptor> All() =>
        typeof(DiagnosticCodes).GetFields(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static)
            .Where(f => f.FieldType == typeof(DiagnosticDescriptor))
            .Select(f => (DiagnosticDescriptor)f.GetValue(null)!)
            .OrderBy(d => d.Code, StringComparer.Ordinal);
}
