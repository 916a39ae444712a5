namespace NumeraiPipeline.Numerai.Api;

/// <summary>The account as <c>account { … }</c> reports it.</summary>
/// <param name="Id">The account id.</param>
/// <param name="Username">The user name.</param>
/// <param name="Email">The e-mail address, if reported.</param>
/// <param name="WalletAddress">The NMR wallet address, if reported.</param>
/// <param name="AvailableNmr">NMR in the wallet, not staked.</param>
/// <param name="InsertedAt">When the account was created.</param>
/// <param name="Models">Every model of the account (all tournaments).</param>
public sealed record AccountInfo(string Id, string Username, string? Email, string? WalletAddress, decimal? AvailableNmr, DateTimeOffset? InsertedAt, IReadOnlyList<AccountModel> Models);
