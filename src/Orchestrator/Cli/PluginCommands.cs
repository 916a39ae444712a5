using System.CommandLine;
using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Reflection;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using NumeraiPipeline.Orchestrator.Diagnostics;
using NumeraiPipeline.Orchestrator.Plugins;
using NumeraiPipeline.Sdk;

namespace NumeraiPipeline.Orchestrator.Cli;

/// <summary>
/// Turns the commands plugins declare (<see cref="ICommand{TOptions}"/> with <see cref="CommandAttribute"/>) into
/// commands of the command line: each public settable property of the options class is a <c>--kebab-case</c>
/// option (or a positional argument), typed, documented by its <c>[Description]</c> (and its default, as
/// <c>[default: X]</c>), required by <c>[Required]</c>, range-checked by <c>[Range]</c> and limited by
/// <c>[AllowedValues]</c> before anything runs, and bound into a fresh options instance.
/// </summary>
internal static class PluginCommands
{
    /// <summary>The built-in global options that take a value (skipped when looking for the command's name).</summary>
    private static readonly string[] ValuedGlobals = ["--plugins", "--workspace", "-w", "--set", "--log-format", "--trace", "--store"];

    /// <summary>The first word of the arguments that is not a global option or its value: the command asked for.</summary>
    public static string? CommandWord(string[] args)
    {
        for (var i = 0; i < args.Length; i++)
        {
            if (ValuedGlobals.Contains(args[i]))
            {
                i++;
                continue;
            }

            if (!args[i].StartsWith('-'))
            {
                return args[i];
            }
        }

        return null;
    }

    /// <summary>The --plugins folders and --no-builtin-plugins of the raw arguments (before the tree can parse them).</summary>
    public static (List<string> Folders, bool NoBuiltIn) PluginArguments(string[] args)
    {
        var folders = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--plugins" && i + 1 < args.Length)
            {
                folders.Add(args[++i]);
            }
            else if (args[i].StartsWith("--plugins=", StringComparison.Ordinal))
            {
                folders.Add(args[i]["--plugins=".Length..]);
            }
        }

        return (folders, args.Contains("--no-builtin-plugins"));
    }

    public static void Add(RootCommand root, IReadOnlyDictionary<string, CommandDescriptor> commands, CommandFactory factory)
    {
        foreach (var descriptor in commands.Values.OrderBy(c => c.Name, StringComparer.Ordinal))
        {
            Command parent = root;
            var words = descriptor.Words;
            for (var i = 0; i < words.Count - 1; i++)
            {
                var group = parent.Subcommands.FirstOrDefault(c => c.Name == words[i]);
                if (group is null)
                {
                    group = new Command(words[i], descriptor.GroupDescription is { Length: > 0 } d ? d : $"Commands of {descriptor.Plugin.Name}");
                    parent.Subcommands.Add(group);
                }

                parent = group;
            }

            if (parent.Subcommands.Any(c => c.Name == words[^1]))
            {
                // A built-in command of that name wins; the plugin's is not reachable (its author should rename it).
                continue;
            }

            parent.Subcommands.Add(Build(descriptor, words[^1], factory));
        }
    }

    private static Command Build(CommandDescriptor descriptor, string name, CommandFactory factory)
    {
        var command = new Command(name, descriptor.Description);
        var bindings = new List<(PropertyInfo Property, Symbol Symbol)>();
        var defaults = Activator.CreateInstance(descriptor.OptionsType);
        foreach (var property in descriptor.OptionsType.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite).OrderBy(p => p.GetCustomAttribute<CommandArgumentAttribute>()?.Position ?? int.MaxValue))
        {
            var description = property.GetCustomAttribute<DescriptionAttribute>()?.Description ?? "";
            var shown = defaults is null ? null : property.GetValue(defaults);
            var required = property.GetCustomAttribute<RequiredAttribute>() is not null;
            var kebab = JsonNamingPolicy.KebabCaseLower.ConvertName(property.Name);
            if (property.GetCustomAttribute<CommandArgumentAttribute>() is { } positional)
            {
                var argument = (Argument)Activator.CreateInstance(typeof(Argument<>).MakeGenericType(property.PropertyType), positional.Name is { Length: > 0 } given ? given : kebab)!;
                argument.Description = description;
                argument.Arity = required ? ArgumentArity.ExactlyOne : ArgumentArity.ZeroOrOne;
                command.Arguments.Add(argument);
                bindings.Add((property, argument));
                continue;
            }

            var option = (Option)Activator.CreateInstance(typeof(Option<>).MakeGenericType(property.PropertyType), "--" + kebab, Array.Empty<string>())!;
            option.Description = description;
            option.Required = required;
            if (ShowsDefault(property, shown))
            {
                // Shown by --help as "[default: X]", as for the built-in commands; an option left out keeps the
                // options class's own default (its result is implicit and is not bound).
                Invoke(nameof(DefaultOf), property.PropertyType, option, shown!);
            }

            if (property.GetCustomAttribute<RangeAttribute>() is { } range)
            {
                AddRange(option, property.PropertyType, range);
            }

            if (property.GetCustomAttribute<AllowedValuesAttribute>() is { } allowed && property.PropertyType == typeof(string))
            {
                ((Option<string>)option).AcceptOnlyFromAmong([.. allowed.Values.Select(v => Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture) ?? "")]);
            }

            command.Options.Add(option);
            bindings.Add((property, option));
        }

        command.SetAction(async (parse, token) =>
        {
            using var session = factory.Session(parse);
            var options = Activator.CreateInstance(descriptor.OptionsType)!;
            foreach (var (property, symbol) in bindings)
            {
                var result = symbol is Option o ? (System.CommandLine.Parsing.SymbolResult?)parse.GetResult(o) : parse.GetResult((Argument)symbol);
                if (result is not null && !(result is System.CommandLine.Parsing.OptionResult { Implicit: true }))
                {
                    property.SetValue(options, ValueOf(parse, symbol, property.PropertyType));
                }
            }

            var errors = Planning.OptionsBinder.Validate(options).Select(r => DiagnosticCodes.BadArgument.Create("numerai-pipeline", Describe(r, bindings))).ToList();
            if (errors.Count > 0)
            {
                throw new PipelineException(errors);
            }

            var context = new HostCommandContext(session);
            var instance = Activator.CreateInstance(descriptor.CommandType)!;
            var method = typeof(ICommand<>).MakeGenericType(descriptor.OptionsType).GetMethod(nameof(ICommand<object>.RunAsync))!;
            try
            {
                return await ((Task<int>)method.Invoke(instance, [context, options, factory.Link(token)])!).ConfigureAwait(false);
            }
            catch (TargetInvocationException ex) when (ex.InnerException is not null)
            {
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(ex.InnerException).Throw();
                throw;
            }
            catch (StageException ex)
            {
                session.Error.WriteLine(session.Secrets.Redact($"numerai-pipeline {descriptor.Name}: error {ex.Code}: {ex.Message}"));
                return ExitCodes.ForFailure(ex.Code, ex.ExitCode) == ExitCodes.Environment ? ExitCodes.Environment : ex.ExitCode;
            }
        });
        return command;
    }

    private static string Describe(ValidationResult result, List<(PropertyInfo Property, Symbol Symbol)> bindings)
    {
        var member = result.MemberNames.FirstOrDefault();
        var symbol = bindings.FirstOrDefault(b => b.Property.Name == member).Symbol;
        var name = symbol is Option o ? o.Name : symbol?.Name ?? member ?? "";
        var message = (result.ErrorMessage ?? "is invalid").TrimEnd('.');
        return member is null ? message + "." : message.Replace($"The {member} field", name, StringComparison.Ordinal).Replace($"The field {member}", name, StringComparison.Ordinal).Replace(member, name, StringComparison.Ordinal) + ".";
    }

    private static object? ValueOf(ParseResult parse, Symbol symbol, Type type)
    {
        var method = typeof(PluginCommands).GetMethod(symbol is Option ? nameof(OptionValue) : nameof(ArgumentValue), BindingFlags.NonPublic | BindingFlags.Static)!.MakeGenericMethod(type);
        return method.Invoke(null, [parse, symbol]);
    }

    /// <summary>
    /// Whether --help shows the option's default: a value other than the type's zero (false, 0, empty), or one the
    /// property marks with <c>[DefaultValue]</c> because it matters (a port of 0 picks a free one).
    /// </summary>
    private static bool ShowsDefault(PropertyInfo property, object? value)
    {
        if (value is null or "")
        {
            return false;
        }

        var zero = property.PropertyType.IsValueType ? Activator.CreateInstance(property.PropertyType) : null;
        return !Equals(value, zero) || property.GetCustomAttribute<DefaultValueAttribute>() is not null;
    }

    private static void Invoke(string name, Type type, params object[] arguments) =>
        typeof(PluginCommands).GetMethod(name, BindingFlags.NonPublic | BindingFlags.Static)!.MakeGenericMethod(type).Invoke(null, arguments);

    private static void DefaultOf<T>(Option<T> option, T value) => option.DefaultValueFactory = _ => value;

    private static T? OptionValue<T>(ParseResult parse, Option<T> option) => parse.GetValue(option);

    private static T? ArgumentValue<T>(ParseResult parse, Argument<T> argument) => parse.GetValue(argument);

    private static void AddRange(Option option, Type type, RangeAttribute range)
    {
        var underlying = Nullable.GetUnderlyingType(type) ?? type;
        if (underlying != typeof(int) && underlying != typeof(long) && underlying != typeof(double))
        {
            return;
        }

        var min = Convert.ChangeType(range.Minimum, underlying, System.Globalization.CultureInfo.InvariantCulture);
        var max = Convert.ChangeType(range.Maximum, underlying, System.Globalization.CultureInfo.InvariantCulture);
        var name = Nullable.GetUnderlyingType(type) is null ? nameof(RangeOf) : nameof(RangeOfNullable);
        typeof(PluginCommands).GetMethod(name, BindingFlags.NonPublic | BindingFlags.Static)!.MakeGenericMethod(underlying).Invoke(null, [option, min, max]);
    }

    private static void RangeOf<T>(Option<T> option, T min, T max)
        where T : struct, IComparable<T> => option.InRange(min, max);

    private static void RangeOfNullable<T>(Option<T?> option, T min, T max)
        where T : struct, IComparable<T> => option.InRange(min, max);

    private sealed class HostCommandContext(CliSession session) : CommandContext
    {
        public override TextWriter Output => session.Output;

        public override TextWriter Error => session.Error;

        public override ILogger Logger => session.LoggerFactory.CreateLogger("command");

        public override ISecretStore Secrets => session.Secrets;

        public override TimeProvider Time => TimeProvider.System;

        public override string WorkspaceDirectory => session.Workspace;

        public override bool Json => session.Settings.Json;

        public override string? GetEnvironmentVariable(string name) => session.Environment(name);
    }
}
