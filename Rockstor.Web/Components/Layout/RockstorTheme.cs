using MudBlazor;

namespace Rockstor.Web.Components.Layout;

/// <summary>
/// MudBlazor's palette with its status colours darkened to read at WCAG AA (4.5:1) both ways: white text
/// on a filled chip or snackbar, and the colour as text on white. MudBlazor's own (#00c853 green,
/// #ff9800 orange, #2196f3 blue, #f44336 red) give white text 2.2 to 3.7:1; the browser tests' axe-core
/// check fails below 4.5.
/// </summary>
public static class RockstorTheme
{
    public static MudTheme Theme { get; } = new()
    {
        PaletteLight = new PaletteLight
        {
            Success = "#2e7d32", // 5.1:1 against white
            Info = "#1565c0",    // 5.8:1
            Warning = "#9a5b00", // 5.4:1
            Error = "#c62828",   // 5.6:1
        },
    };
}
