using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using MudBlazor;
using Rockstor.Domain.Appliances;
using Rockstor.Domain.Common;

namespace Rockstor.Web.Components.Appliances;

/// <summary>
/// "Use my own certificate": two PEM files (the certificate, its key), checked first ("Check": nothing changes,
/// and the answer names the new fingerprint and the paired appliances that must pin it); then used once the
/// admin ticks that they understand. A refused certificate shows its reason here.
/// </summary>
public sealed partial class OwnCertificateDialog
{
    /// <summary>A PEM certificate chain or key is a few KiB.</summary>
    private const long MaxPemBytes = 64 * 1024;

    private string? _certificatePem;
    private string? _keyPem;
    private string? _certificateName;
    private string? _keyName;
    private CertificateChangeNotConfirmedException? _pending;
    private bool _understood;
    private string? _error;
    private bool _busy;

    [CascadingParameter]
    private IMudDialogInstance MudDialog { get; set; } = default!;

    [Inject]
    private OwnCertificateService Certificates { get; set; } = default!;

    private async Task ReadAsync(InputFileChangeEventArgs e, bool key)
    {
        _error = null;
        try
        {
            using var reader = new StreamReader(e.File.OpenReadStream(MaxPemBytes));
            var text = await reader.ReadToEndAsync();
            if (key)
            {
                (_keyPem, _keyName) = (text, e.File.Name);
            }
            else
            {
                (_certificatePem, _certificateName) = (text, e.File.Name);
            }
        }
        catch (IOException)
        {
            _error = $"{Echo.Of(e.File.Name)} is larger than a PEM certificate or key ({MaxPemBytes / 1024} KiB at most).";
        }
    }

    private Task CheckAsync() => RunAsync(confirmed: false);

    private Task UseAsync() => RunAsync(confirmed: true);

    private async Task RunAsync(bool confirmed)
    {
        _busy = true;
        _error = null;
        try
        {
            var change = await Certificates.ReplaceAsync(_certificatePem!, _keyPem!, confirmed, CancellationToken.None);
            MudDialog.Close(DialogResult.Ok(change));
        }
        catch (CertificateChangeNotConfirmedException e)
        {
            _pending = e;
            _understood = false;
        }
        catch (RockstorException e)
        {
            _error = e.Message;
        }
        finally
        {
            _busy = false;
        }
    }
}
