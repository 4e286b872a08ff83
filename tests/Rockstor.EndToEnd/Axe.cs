using System.Text.Json;
using Microsoft.Playwright;

namespace Rockstor.EndToEnd;

/// <summary>
/// axe-core (npm's, pinned by package-lock.json beside this file; scripts/prerequisites.sh runs <c>npm ci</c>)
/// run inside the page against WCAG 2.1 A and AA. It finds what a screen reader or a low-vision user
/// meets: controls without a name, names that do not hold the visible text, too little contrast, links
/// told apart by colour alone, and the rest of the rules with those tags.
/// </summary>
public static class Axe
{
    /// <summary>The rule sets checked: WCAG 2.0 and 2.1, levels A and AA.</summary>
    public static IReadOnlyList<string> Tags { get; } = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

    private static readonly Lazy<string> Source = new(() =>
    {
        var path = Path.Combine(AppContext.BaseDirectory, "axe.min.js");
        return File.Exists(path)
            ? File.ReadAllText(path)
            : throw new InvalidOperationException(
                $"{path} is missing: run 'npm ci' in tests/Rockstor.EndToEnd (scripts/prerequisites.sh does, with ROCKSTOR_NEEDS_BROWSER=1), then build again.");
    });

    // MudBlazor fades dialogs and popovers in: the colours are read once those short animations end
    // (a spinner's endless one excepted). One entry per rule broken, with each element it found.
    private const string RunScript = """
        async tags => {
          await Promise.all(document.getAnimations()
            .filter(a => a.effect?.getTiming().iterations !== Infinity)
            .map(a => a.finished.catch(() => null)));
          const result = await axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
          return result.violations.map(v => ({
            id: v.id,
            impact: v.impact ?? '',
            help: v.help,
            helpUrl: v.helpUrl,
            nodes: v.nodes.map(n => n.target.join(' ') + ': ' + [...n.any, ...n.all, ...n.none].map(c => c.message).join(' / ')),
          }));
        }
        """;

    /// <summary>What axe-core finds on the page as it stands (an open dialog included), one entry per rule broken.</summary>
    public static async Task<IReadOnlyList<string>> ViolationsAsync(IPage page)
    {
        // A full page load (a login, a reload) leaves the page without axe; moving within the app keeps it.
        // Evaluated through the DevTools protocol, the script is not subject to the page's Content-Security-Policy.
        if (!await page.EvaluateAsync<bool>("() => typeof window.axe === 'object'"))
        {
            await page.EvaluateAsync(Source.Value + "\n;true");
        }

        var violations = await page.EvaluateAsync<JsonElement>(RunScript, Tags);
        return violations.EnumerateArray().Select(Describe).ToList();
    }

    /// <summary>Fails, listing every violation, if axe-core finds any on the page.</summary>
    public static async Task ExpectNoViolationsAsync(IPage page, string where)
    {
        var violations = await ViolationsAsync(page);
        Assert.True(violations.Count == 0, Report(violations.Select(v => $"{where}: {v}")));
    }

    /// <summary>The failure message for violations found on several screens.</summary>
    public static string Report(IEnumerable<string> violations) =>
        $"axe-core {string.Join(", ", Tags)} violations:\n" + string.Join("\n", violations);

    private static string Describe(JsonElement v) =>
        $"{v.GetProperty("id").GetString()} ({v.GetProperty("impact").GetString()}): {v.GetProperty("help").GetString()} <{v.GetProperty("helpUrl").GetString()}>\n"
        + string.Join("\n", v.GetProperty("nodes").EnumerateArray().Select(n => "    at " + n.GetString()));
}
