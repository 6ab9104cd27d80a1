<#
Restore a valid Software Publishing "State" value (error 0x80092026)

What it fixes
  Installers and updates failing with 0x80092026, "The cryptographic operation failed due to a local security
  option setting", when the per-user value
    HKCU\Software\Microsoft\Windows\CurrentVersion\WinTrust\Trust Providers\Software Publishing\State
  holds something other than a valid setting (KB 2715304). The value backs the Internet Options settings
  "Check for publisher's certificate revocation" and "Check for signatures on downloaded programs".

What it does (the change asks first; -WhatIf shows the plan without changing anything)
  1. Shows the current State value. 0x23c00 (the default, revocation check on) and 0x23e00 (revocation check off)
     are valid and are left alone; a missing value is left alone too.
  2. Otherwise exports the key with "reg export" to %LOCALAPPDATA%\EventLogDoctor\Backups and sets State to
     0x23c00.
  3. Verifies by reading the value back.
  A Group Policy preference can write the wrong value again; if it comes back, fix the policy that sets it.

Sources
  KB 2715304  https://learn.microsoft.com/en-us/troubleshoot/windows-server/deployment/error-when-you-validate-copy-windows
  KB 822798   https://learn.microsoft.com/en-us/troubleshoot/windows-server/deployment/cannot-install-updates-programs

How to run
  This value lives in the current user's registry hive, so run it as the user who gets the error. It needs no
  elevation; do not run it as a different administrator account, which would change that account's hive instead.
  Dry run: Repair-SoftwarePublishingState -WhatIf. Apply: Repair-SoftwarePublishingState (answer the prompt) or
  Repair-SoftwarePublishingState -Confirm:$false. Undo: reg import the exported .reg file.
#>
function Repair-SoftwarePublishingState {
    [CmdletBinding(SupportsShouldProcess, ConfirmImpact = 'High')]
    param()

    # Elevation check, informative only: the value belongs to whoever runs the script.
    $identity = [Security.Principal.WindowsIdentity]::GetCurrent()
    $elevated = ([Security.Principal.WindowsPrincipal]$identity).IsInRole([Security.Principal.WindowsBuiltInRole]::Administrator)
    Write-Host "Working on the registry hive of $($identity.Name)$(if ($elevated) { ' (elevated)' })."
    if ($WhatIfPreference) { Write-Warning 'Dry run: nothing will be changed.' }

    $keyPath = 'HKCU:\Software\Microsoft\Windows\CurrentVersion\WinTrust\Trust Providers\Software Publishing'
    $regKey = 'HKCU\Software\Microsoft\Windows\CurrentVersion\WinTrust\Trust Providers\Software Publishing'
    $default = 0x23c00
    $valid = @(0x23c00, 0x23e00)

    $current = $null
    if (Test-Path -LiteralPath $keyPath) {
        $current = (Get-ItemProperty -LiteralPath $keyPath -Name State -ErrorAction SilentlyContinue).State
    }
    if ($null -eq $current) {
        Write-Host 'State is not set; Windows uses its default. Nothing to change here.'
        return
    }
    Write-Host ('State is 0x{0:x}' -f $current)
    if ($valid -contains $current) {
        Write-Host 'That is a valid setting; nothing to change. Look at the trusted publisher lockdown policy and the certificate chain instead.'
        return
    }

    if ($PSCmdlet.ShouldProcess($regKey, ('Export the key, then set State from 0x{0:x} to 0x{1:x} (KB 2715304)' -f $current, $default))) {
        $backupDir = Join-Path $env:LOCALAPPDATA 'EventLogDoctor\Backups'
        New-Item -ItemType Directory -Path $backupDir -Force | Out-Null
        $backup = Join-Path $backupDir ('software-publishing-' + (Get-Date).ToString('yyyyMMdd-HHmmss') + '.reg')
        & reg.exe export $regKey $backup /y | Out-Null
        if ($LASTEXITCODE -ne 0) {
            throw "reg export failed ($LASTEXITCODE); nothing was changed."
        }
        Write-Host "Exported the key to $backup (undo: reg import `"$backup`")"
        Set-ItemProperty -LiteralPath $keyPath -Name State -Value $default -Type DWord -ErrorAction Stop
    }

    Write-Host "`nVerification"
    $after = (Get-ItemProperty -LiteralPath $keyPath -Name State).State
    Write-Host ('State is now 0x{0:x}' -f $after)
    if ($valid -notcontains $after) {
        Write-Warning 'State is still not a valid setting.'
    }
}

Repair-SoftwarePublishingState
