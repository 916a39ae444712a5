using System.Net;
using Microsoft.Extensions.Time.Testing;
using NumeraiPipeline.Numerai.Sandbox;

namespace NumeraiPipeline.Numerai.Api.Tests;

/// <summary>The standalone sandbox's settings (<c>numerai-pipeline sandbox</c>): clock, history and fault switches.</summary>
public sealed class SandboxLaunchTests
{
    [Theory]
    [InlineData("open", SandboxRoundState.Open)]
    [InlineData("Late", SandboxRoundState.Late)]
    [InlineData("closed", SandboxRoundState.Closed)]
    [InlineData("schedule", null)]
    public void Clock_values_are_the_stages(string clock, SandboxRoundState? state) => SandboxLaunch.ParseClock(clock).ShouldBe(state);

    [Fact]
    public void Another_clock_value_is_refused_with_the_values()
    {
        Should.Throw<ArgumentException>(() => SandboxLaunch.ParseClock("noon")).Message.ShouldBe("'noon' is not one of open, late, closed, schedule");
    }

    [Fact]
    public void The_schedule_has_one_hour_windows_and_history_and_time_pass_through()
    {
        var start = new DateTimeOffset(2026, 5, 1, 13, 30, 0, TimeSpan.Zero);
        var options = new SandboxLaunch { Clock = "schedule", Now = start, Speed = 3600, History = 12 }.ToOptions();

        options.FixedState.ShouldBeNull();
        options.StakingWindow.ShouldBe(TimeSpan.FromHours(1));
        options.SubmissionWindow.ShouldBe(TimeSpan.FromHours(2));
        options.History.ShouldBe(12);
        options.Time.ShouldBeOfType<ShiftedTimeProvider>();
        (options.Time.GetUtcNow() - start).ShouldBeLessThan(TimeSpan.FromHours(1), "an hour of sandbox time is a second of real time");
        new SandboxLaunch().ToOptions().Time.ShouldBe(TimeProvider.System);
    }

    [Fact]
    public void The_shifted_clock_runs_at_its_speed_from_its_start()
    {
        var real = new FakeTimeProvider(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var clock = new ShiftedTimeProvider(new DateTimeOffset(2026, 5, 1, 13, 30, 0, TimeSpan.Zero), 60, real);

        real.Advance(TimeSpan.FromSeconds(90));

        clock.GetUtcNow().ShouldBe(new DateTimeOffset(2026, 5, 1, 15, 0, 0, TimeSpan.Zero));
    }

    [Fact]
    public async Task Fault_switches_arm_the_running_server()
    {
        await using var h = await SandboxHarness.StartAsync();
        new SandboxLaunch { FailGraphQl = 2, FailStatus = 502 }.ApplyFaults(h.Server.Faults);
        using var http = new HttpClient();

        var first = await http.PostAsync(h.Server.Url, new StringContent("{\"query\":\"query { listDatasets }\"}"));
        var second = await http.PostAsync(h.Server.Url, new StringContent("{\"query\":\"query { listDatasets }\"}"));
        var third = await http.PostAsync(h.Server.Url, new StringContent("{\"query\":\"query { listDatasets }\"}"));

        (first.StatusCode, second.StatusCode, third.StatusCode).ShouldBe((HttpStatusCode.BadGateway, HttpStatusCode.BadGateway, HttpStatusCode.OK));
        (await first.Content.ReadAsStringAsync()).ShouldContain("502 Bad Gateway");
    }
}
