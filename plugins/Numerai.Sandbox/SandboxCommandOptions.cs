using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace NumeraiPipeline.Plugins.Numerai.Sandbox;

/// <summary>Options of <c>numerai-pipeline sandbox</c>: data sizes, the round clock and the fault switches.</summary>
public sealed class SandboxCommandOptions
{
    /// <summary>The loopback port.</summary>
    [Description("Loopback port (0 picks a free one)")]
    [DefaultValue(0)]
    [Range(0, 65535)]
    public int Port { get; set; }

    /// <summary>Training rows of the synthetic data.</summary>
    [Description("Training rows of the synthetic data")]
    [Range(100, 50_000_000)]
    public int Rows { get; set; } = 20_000;

    /// <summary>Features of the synthetic data.</summary>
    [Description("Features of the synthetic data")]
    [Range(1, 20_000)]
    public int Features { get; set; } = 60;

    /// <summary>Training eras.</summary>
    [Description("Training eras")]
    [Range(1, 9999)]
    public int Eras { get; set; } = 100;

    /// <summary>Seed of the synthetic data.</summary>
    [Description("Seed of the synthetic data")]
    [Range(0, int.MaxValue)]
    public int Seed { get; set; } = 42;

    /// <summary>A folder written by <c>synth</c> to serve instead of generating data.</summary>
    [Description("Serve this folder (written by 'synth') instead of generating data")]
    public string? Data { get; set; }

    /// <summary>The round clock.</summary>
    [Description("Round clock: open (always open), late, closed, or schedule (daily rounds: 1 h on time, 1 h late, then closed)")]
    [AllowedValues("open", "late", "closed", "schedule")]
    public string Clock { get; set; } = "open";

    /// <summary>The instant the sandbox clock starts at.</summary>
    [Description("Start the sandbox clock at this instant (ISO 8601, e.g. 2026-05-01T13:30:00Z)")]
    public DateTimeOffset? Now { get; set; }

    /// <summary>Sandbox seconds per real second.</summary>
    [Description("Sandbox seconds per real second (3600: a day passes in 24 s)")]
    [Range(0.001, 1_000_000.0)]
    public double Speed { get; set; } = 1.0;

    /// <summary>Past rounds already submitted for every model.</summary>
    [Description("Past rounds already submitted for every model, resolved or resolving on the clock (0 for none)")]
    [Range(0, 1000)]
    public int History { get; set; } = 30;

    /// <summary>The next N GraphQL requests fail.</summary>
    [Description("Fault: the next N GraphQL requests fail with --fail-status")]
    [Range(0, 1_000_000)]
    public int FailGraphql { get; set; }

    /// <summary>The HTTP status of the injected GraphQL failures.</summary>
    [Description("Fault: HTTP status of the injected GraphQL failures (500, 502, 503, 504)")]
    [Range(500, 599)]
    public int FailStatus { get; set; } = 503;

    /// <summary>A delay before every GraphQL answer, in milliseconds.</summary>
    [Description("Fault: delay every GraphQL answer by this many milliseconds")]
    [Range(0, 600_000)]
    public int GraphqlDelayMs { get; set; }

    /// <summary>The next N downloads fail with 503.</summary>
    [Description("Fault: the next N downloads fail with 503")]
    [Range(0, 1_000_000)]
    public int FailDownloads { get; set; }

    /// <summary>The next N downloads drop the connection half-way.</summary>
    [Description("Fault: the next N downloads drop the connection half-way")]
    [Range(0, 1_000_000)]
    public int CutDownloads { get; set; }

    /// <summary>The next N ranged downloads ignore Range.</summary>
    [Description("Fault: the next N ranged downloads ignore Range")]
    [Range(0, 1_000_000)]
    public int IgnoreRange { get; set; }

    /// <summary>The next N uploads fail with 500.</summary>
    [Description("Fault: the next N uploads fail with 500")]
    [Range(0, 1_000_000)]
    public int FailUploads { get; set; }
}
