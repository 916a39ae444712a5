using System.ComponentModel.DataAnnotations;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using NumeraiPipeline.Orchestrator.Definition;
using NumeraiPipeline.Orchestrator.Diagnostics;
using NumeraiPipeline.Orchestrator.Plugins;
using NumeraiPipeline.Sdk;

namespace NumeraiPipeline.Orchestrator.Planning;

/// <summary>
/// Binds a stage's <c>with:</c> map to its options class (snake_case keys) and validates it with DataAnnotations,
/// reporting every problem at once. At plan time, values that depend on stage outputs are checked for key names only.
/// </summary>
internal static class OptionsBinder
{
    /// <summary>
    /// Serializer settings for options. A new instance per use: a shared one would cache metadata of plugin types
    /// and keep unloaded plugin load contexts alive.
    /// </summary>
    public static JsonSerializerOptions SerializerOptions => Create();

    private static readonly JsonSerializerOptions Shared = Create();

    /// <summary>
    /// The serializer settings for a value of <paramref name="type"/>: a shared instance for types of assemblies that
    /// are never unloaded (the BCL, the SDK, plugins loaded for a single run), a fresh one for types of unloadable
    /// (hot-swapped) plugins, so that no cache keeps their load context alive.
    /// </summary>
    public static JsonSerializerOptions For(Type type) => IsCollectible(type) ? Create() : Shared;

    private static bool IsCollectible(Type type) =>
        type.Assembly.IsCollectible
        || (type.HasElementType && IsCollectible(type.GetElementType()!))
        || (type.IsGenericType && type.GetGenericArguments().Any(IsCollectible));

    private static JsonSerializerOptions Create() => new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        NumberHandling = JsonNumberHandling.AllowReadingFromString,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
        WriteIndented = false,

        // A resolver of its own keeps these options out of System.Text.Json's shared metadata cache.
        TypeInfoResolver = new System.Text.Json.Serialization.Metadata.DefaultJsonTypeInfoResolver(),
    };

    public static IReadOnlyList<OptionProperty> Properties(Type optionsType) =>
        optionsType.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanWrite && p.GetCustomAttribute<JsonIgnoreAttribute>() is null)
            .Select(p => new OptionProperty(p.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name ?? JsonNamingPolicy.SnakeCaseLower.ConvertName(p.Name), p))
            .ToList();

    /// <summary>
    /// Binds; returns null (with diagnostics) when the options are invalid. Each property is deserialized on its own
    /// (with its declared type) and set by reflection, so System.Text.Json never builds metadata for the plugin's
    /// options class: its caches would keep an unloaded plugin's load context alive.
    /// </summary>
    public static object? Bind(StageDefinition stage, StageDescriptor descriptor, ValueResolver resolver, List<Diagnostic> diagnostics) =>
        Bind(stage, descriptor, resolver, diagnostics, out _);

    /// <summary>Binds as <see cref="Bind(StageDefinition, StageDescriptor, ValueResolver, List{Diagnostic})"/>.</summary>
    /// <param name="complete">Whether every option was resolved (none waits for a stage's output).</param>
    public static object? Bind(StageDefinition stage, StageDescriptor descriptor, ValueResolver resolver, List<Diagnostic> diagnostics, out bool complete)
    {
        complete = false;
        var properties = Properties(descriptor.OptionsType);
        var names = properties.Select(p => p.Name).ToList();
        var json = new JsonObject();
        var deferred = new HashSet<string>(StringComparer.Ordinal);
        var locations = new Dictionary<string, SourceLocation>(StringComparer.Ordinal);
        var secretsOf = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        var before = diagnostics.Count;
        foreach (var entry in stage.With.Entries)
        {
            locations[entry.Key] = entry.KeyLocation;
            if (!names.Contains(entry.Key))
            {
                diagnostics.Add(DiagnosticCodes.UnknownOption.Create(entry.KeyLocation.ToString(), stage.Id, descriptor.Id, entry.Key, Suggestions.DidYouMean(entry.Key, names), names.Count == 0 ? "none" : string.Join(", ", names)));
                continue;
            }

            var value = resolver.ToJson(entry.Value, diagnostics);
            if (ContainsUnresolved(value))
            {
                deferred.Add(entry.Key);
                continue;
            }

            json[entry.Key] = value;
            secretsOf[entry.Key] = SecretMasking.In(value, resolver.UsedSecretValues);
        }

        // A message about one option masks the secrets that option used; one that names no option masks them all.
        string Masked(string? key, string message) => SecretMasking.Mask(message, key is not null && secretsOf.TryGetValue(key, out var used) ? used : secretsOf.Values.SelectMany(v => v).Distinct().ToList());

        if (diagnostics.Count > before)
        {
            return null;
        }

        object options;
        try
        {
            options = Activator.CreateInstance(descriptor.OptionsType)!;
        }
        catch (Exception ex) when (ex is TargetInvocationException or MissingMethodException or MemberAccessException)
        {
            var cause = ex is TargetInvocationException { InnerException: { } inner } ? inner : ex;
            diagnostics.Add(DiagnosticCodes.BadStageClass.Create(stage.UsesLocation.ToString(), descriptor.Id, descriptor.Plugin.Name, $"its options class '{descriptor.OptionsType.Name}' cannot be created ({cause.GetType().Name}: {cause.Message.TrimEnd('.')}). This is a bug of the plugin: report it to its author"));
            return null;
        }

        foreach (var (key, value) in json)
        {
            var property = properties.First(p => p.Name == key);
            try
            {
                property.Property.SetValue(options, value is null ? null : value.Deserialize(property.Property.PropertyType, For(property.Property.PropertyType)));
            }
            catch (Exception ex) when (ex is JsonException or NotSupportedException or InvalidOperationException or ArgumentException)
            {
                var location = locations.TryGetValue(key, out var l) ? l : stage.Location;
                diagnostics.Add(DiagnosticCodes.OptionType.Create(location.ToString(), stage.Id, descriptor.Id, key, Masked(key, $"expects {Describe(property.Property.PropertyType)}, but is {value?.ToJsonString() ?? "null"}")));
            }
        }

        if (options is null || diagnostics.Count > before)
        {
            return null;
        }

        List<ValidationResult> results;
        try
        {
            results = Validate(options).ToList();
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            diagnostics.Add(DiagnosticCodes.BadStageClass.Create(stage.UsesLocation.ToString(), descriptor.Id, descriptor.Plugin.Name, Masked(null, $"its options validation threw {ex.GetType().Name}: {ex.Message.TrimEnd('.')}. This is a bug of the plugin: report it to its author")));
            return null;
        }

        foreach (var result in results)
        {
            var member = result.MemberNames.FirstOrDefault();
            var key = properties.FirstOrDefault(p => p.Property.Name == member)?.Name ?? member;
            if (key is not null && deferred.Contains(key))
            {
                continue;
            }

            var location = key is not null && locations.TryGetValue(key, out var l) ? l : stage.Location;
            var message = result.ErrorMessage ?? "is invalid";
            if (member is not null && key is not null)
            {
                message = message.Replace($"The {member} field", $"option '{key}'", StringComparison.Ordinal).Replace($"The field {member}", $"option '{key}'", StringComparison.Ordinal).Replace(member, key, StringComparison.Ordinal);
            }

            message = Masked(key, message).TrimEnd('.');
            diagnostics.Add(DiagnosticCodes.OptionInvalid.Create(location.ToString(), stage.Id, descriptor.Id, message.EndsWith('?') || message.EndsWith('!') ? message : message + "."));
        }

        if (diagnostics.Count > before)
        {
            return null;
        }

        ResolveArtifactPaths(options);
        complete = deferred.Count == 0;
        return options;
    }

    /// <summary>
    /// Whether a value holds a ${stages...} reference that is unknown at plan time. Walks the nodes: the serialized
    /// text would not do, as it escapes the marker's control characters.
    /// </summary>
    private static bool ContainsUnresolved(JsonNode? node) => node switch
    {
        JsonObject o => o.Any(p => ContainsUnresolved(p.Value)),
        JsonArray a => a.Any(ContainsUnresolved),
        JsonValue v => v.TryGetValue<string>(out var s) && s.Contains(ValueResolver.Unresolved, StringComparison.Ordinal),
        _ => false,
    };

    /// <summary>
    /// DataAnnotations validation of every property (and IValidatableObject), done by hand: the framework's Validator
    /// caches attribute metadata per type forever, which would keep unloaded plugins in memory.
    /// </summary>
    public static IEnumerable<ValidationResult> Validate(object options)
    {
        foreach (var property in options.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanRead))
        {
            var value = property.GetValue(options);
            foreach (var attribute in property.GetCustomAttributes<ValidationAttribute>())
            {
                var context = new ValidationContext(options) { MemberName = property.Name, DisplayName = property.Name };
                var result = attribute.GetValidationResult(value, context);
                if (result is not null && result != ValidationResult.Success)
                {
                    yield return result.MemberNames.Any() ? result : new ValidationResult(result.ErrorMessage, [property.Name]);
                }
            }
        }

        if (options is IValidatableObject validatable)
        {
            foreach (var result in validatable.Validate(new ValidationContext(options)))
            {
                yield return result;
            }
        }
    }

    /// <summary>Makes every ArtifactRef path absolute (relative paths are relative to the current directory).</summary>
    public static void ResolveArtifactPaths(object options)
    {
        foreach (var p in options.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanRead && p.CanWrite))
        {
            if (p.PropertyType == typeof(ArtifactRef) && p.GetValue(options) is ArtifactRef a)
            {
                p.SetValue(options, a with { Path = Path.GetFullPath(a.Path) });
            }
            else if (p.GetValue(options) is IList<ArtifactRef> list && !list.IsReadOnly)
            {
                for (var i = 0; i < list.Count; i++)
                {
                    list[i] = list[i] with { Path = Path.GetFullPath(list[i].Path) };
                }
            }
        }
    }

    /// <summary>Every ArtifactRef in the options, with the option name it came from.</summary>
    public static IEnumerable<(string Option, ArtifactRef Artifact)> Artifacts(object options)
    {
        foreach (var p in Properties(options.GetType()))
        {
            switch (p.Property.GetValue(options))
            {
                case ArtifactRef a:
                    yield return (p.Name, a);
                    break;
                case IEnumerable<ArtifactRef> list:
                    foreach (var a in list)
                    {
                        yield return (p.Name, a);
                    }

                    break;
            }
        }
    }

    public static string Describe(Type? type)
    {
        if (type is null)
        {
            return "a value";
        }

        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type == typeof(int) || type == typeof(long))
        {
            return "a whole number";
        }

        if (type == typeof(double) || type == typeof(float) || type == typeof(decimal))
        {
            return "a number";
        }

        if (type == typeof(bool))
        {
            return "true or false";
        }

        if (type == typeof(string))
        {
            return "a string";
        }

        if (type == typeof(ArtifactRef))
        {
            return "a file path";
        }

        if (type.IsEnum)
        {
            return "one of " + string.Join(", ", Enum.GetNames(type).Select(n => JsonNamingPolicy.SnakeCaseLower.ConvertName(n)));
        }

        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Dictionary<,>))
        {
            return "a map";
        }

        if (typeof(System.Collections.IEnumerable).IsAssignableFrom(type))
        {
            var element = type.IsArray ? type.GetElementType() : type.GetGenericArguments().FirstOrDefault();
            return "a list of " + Describe(element).Replace("a ", "", StringComparison.Ordinal) + "s";
        }

        return "a " + type.Name;
    }

    private static string? KeyOf(string? path, IReadOnlyList<string> names)
    {
        if (string.IsNullOrEmpty(path) || path.Length < 3)
        {
            return null;
        }

        var key = path[2..];
        var end = key.IndexOfAny(['.', '[']);
        key = end >= 0 ? key[..end] : key;
        key = key.Trim('\'', ']', '[');
        return names.Contains(key) ? key : null;
    }
}

internal sealed record OptionProperty(string Name, PropertyInfo Property);
