using System.Globalization;

namespace NumeraiPipeline.Sdk;

/// <summary>
/// One entry of an error catalogue: the code, a short title, the message template (<c>{0}</c>, <c>{1}</c>, ...), the
/// help line and the exit class. Declared once as a <c>public static readonly</c> field of a class marked
/// <see cref="ErrorCatalogueAttribute"/>; the error reference (docs/errors.md) is generated from the declarations.
/// </summary>
/// <param name="Code">The code, e.g. <c>NP6301</c> (a third-party plugin uses a prefix of its own).</param>
/// <param name="Title">A few words naming the condition.</param>
/// <param name="Template">The message: what went wrong, where, and how to fix it, with <c>{0}</c>-style placeholders.</param>
/// <param name="Help">One line on how to fix it, for the reference.</param>
/// <param name="Exit">The exit class of the condition when it ends a run.</param>
public sealed record ErrorCode(string Code, string Title, string Template, string Help, ExitClass Exit = ExitClass.Failure)
{
    /// <summary>The message with its placeholders filled in (invariant culture).</summary>
    /// <param name="args">The values of the placeholders.</param>
    /// <returns>The message.</returns>
    public string Format(params object?[] args) => string.Format(CultureInfo.InvariantCulture, Template, args);

    /// <summary>A <see cref="StageException"/> of this code with the formatted message and the exit class.</summary>
    /// <param name="args">The values of the placeholders.</param>
    /// <returns>The exception, to throw.</returns>
    public StageException Exception(params object?[] args) => new(Code, Format(args)) { ExitCode = (int)Exit };

    /// <summary>A <see cref="StageException"/> of this code caused by <paramref name="inner"/>.</summary>
    /// <param name="inner">The cause.</param>
    /// <param name="args">The values of the placeholders.</param>
    /// <returns>The exception, to throw.</returns>
    public StageException ExceptionFrom(Exception inner, params object?[] args) => new(Code, Format(args), inner) { ExitCode = (int)Exit };

    /// <summary>A declined result of this code (a deliberate non-action with its reason).</summary>
    /// <param name="args">The values of the placeholders.</param>
    /// <returns>The result.</returns>
    public StageResult Decline(params object?[] args) => StageResult.Declined(Code, Format(args));

    /// <summary>A failed result of this code.</summary>
    /// <param name="args">The values of the placeholders.</param>
    /// <returns>The result.</returns>
    public StageResult Fail(params object?[] args) => StageResult.Failed(Code, Format(args));
}

/// <summary>What a condition means for the process's exit code (the README's contract).</summary>
public enum ExitClass
{
    /// <summary>1: a stage failed (its data or its work).</summary>
    Failure = 1,

    /// <summary>2: invalid input found before running (pipeline, options, arguments).</summary>
    InvalidInput = 2,

    /// <summary>3: the environment (credentials, plugins, workspace, store, network).</summary>
    Environment = 3,

    /// <summary>130: cancelled.</summary>
    Cancelled = 130,

    /// <summary>0: a deliberate non-action (a decline); the run succeeds.</summary>
    Declined = 0,
}

/// <summary>Marks a static class whose <c>public static readonly</c> <see cref="ErrorCode"/> fields are a catalogue.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class ErrorCatalogueAttribute : Attribute
{
    /// <summary>Creates the attribute.</summary>
    /// <param name="area">What the codes belong to, e.g. <c>numerai.submit</c> or <c>Numerai API client</c>.</param>
    public ErrorCatalogueAttribute(string area) => Area = area;

    /// <summary>What the codes belong to.</summary>
    public string Area { get; }
}
