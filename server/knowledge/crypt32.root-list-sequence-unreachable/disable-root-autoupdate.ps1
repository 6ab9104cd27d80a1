# ---------------------------------------------------------------------------------------------------
# Event Log Doctor: turn off Automatic Root Certificates Update (policy DisableRootAutoUpdate = 1)
#
# Fixes:   Crypt32 / CAPI2 event 8 (and 3, 5) repeating on a host that is disconnected from the Internet
#          on purpose, by stopping the downloads that cannot succeed there.
# WARNING: Microsoft does NOT recommend this for hosts that can reach Windows Update. With the policy on,
#          the host no longer fetches new trusted roots on demand, so certificates chaining to a root it
#          does not already hold fail validation. Prefer fixing the proxy (winhttp-proxy.ps1). Use this
#          only on isolated hosts, and give them the roots another way (refresh-roots-offline.ps1).
# Sources: Microsoft Learn, "Crypt32 8 events continuously reported in Windows" (KB 2253680), option 3;
#          policy "Turn off Automatic Root Certificates Update" (Computer Configuration > Administrative
#          Templates > System > Internet Communication Management > Internet Communication settings);
#          Microsoft Learn, "Configure trusted roots and disallowed certificates in Windows".
# Needs:   Windows PowerShell 3.0 or later (Windows 7 / Server 2008 R2 ship 2.0: install WMF 5.1).
# Run:     from an elevated PowerShell. Dry run unless the file is started with -Apply.
#          A domain Group Policy that sets the same value overrides this local change at the next refresh.
# Backup:  the policy key is exported with `reg export` first (or its absence recorded); undo with
#          `reg import <file>`, or delete the DisableRootAutoUpdate value if it did not exist before.
# ---------------------------------------------------------------------------------------------------
function Disable-RootCertificateAutoUpdate {
    [CmdletBinding(SupportsShouldProcess, ConfirmImpact = 'High')]
    param(
        [string]$BackupFolder = (Join-Path $env:ProgramData 'EventLogDoctor\Backup')
    )

    $identity = [Security.Principal.WindowsIdentity]::GetCurrent()
    $isAdmin = ([Security.Principal.WindowsPrincipal]$identity).IsInRole([Security.Principal.WindowsBuiltInRole]::Administrator)
    if (-not $isAdmin) {
        if ($WhatIfPreference) {
            Write-Warning 'Not elevated: continuing as a dry run only. Changes need an elevated PowerShell.'
        } else {
            throw 'Run this from an elevated PowerShell (Run as administrator) to change machine policy.'
        }
    }

    Write-Warning ('Microsoft does not recommend turning off Automatic Root Certificates Update on hosts that can reach ' +
        'Windows Update: new trusted roots stop arriving. Continue only for a host that is disconnected on purpose.')

    $policyKey = 'HKLM:\SOFTWARE\Policies\Microsoft\SystemCertificates\AuthRoot'
    $previous = (Get-ItemProperty -Path $policyKey -Name DisableRootAutoUpdate -ErrorAction SilentlyContinue).DisableRootAutoUpdate
    $previousText = if ($null -eq $previous) { 'not set' } else { "$previous" }
    Write-Host "DisableRootAutoUpdate is currently: $previousText"

    if ($previous -eq 1) {
        Write-Host 'Automatic Root Certificates Update is already turned off by policy; nothing to change.'
    } elseif ($PSCmdlet.ShouldProcess("$policyKey\DisableRootAutoUpdate", "set to 1 (REG_DWORD), was $previousText")) {
        New-Item -ItemType Directory -Path $BackupFolder -Force | Out-Null
        $stamp = '{0:yyyyMMdd-HHmmss}' -f (Get-Date)
        if (Test-Path $policyKey) {
            $backupFile = Join-Path $BackupFolder "AuthRootPolicy-$stamp.reg"
            reg.exe export 'HKLM\SOFTWARE\Policies\Microsoft\SystemCertificates\AuthRoot' $backupFile /y | Out-Null
            if ($LASTEXITCODE -ne 0) { throw "Backup failed (reg export exit code $LASTEXITCODE); nothing was changed." }
        } else {
            $backupFile = Join-Path $BackupFolder "AuthRootPolicy-$stamp.txt"
            Set-Content -Path $backupFile -Value "$policyKey did not exist before $stamp; to undo, remove the key."
        }
        Write-Host "Backup of the previous state: $backupFile"
        # New-Item -Force on an existing key would drop its other values, so only create a missing key.
        if (-not (Test-Path $policyKey)) { New-Item -Path $policyKey -Force | Out-Null }
        New-ItemProperty -Path $policyKey -Name DisableRootAutoUpdate -PropertyType DWord -Value 1 -Force | Out-Null
    }

    # Verify: read the value back; the download failures should stop being logged from now on.
    $now = (Get-ItemProperty -Path $policyKey -Name DisableRootAutoUpdate -ErrorAction SilentlyContinue).DisableRootAutoUpdate
    $nowText = if ($null -eq $now) { 'not set' } else { "$now" }
    Write-Host "DisableRootAutoUpdate is now: $nowText"
    Get-WinEvent -FilterHashtable @{ LogName = 'Application'; ProviderName = 'Microsoft-Windows-CAPI2'; Level = 2 } -MaxEvents 5 -ErrorAction SilentlyContinue |
        Select-Object -Property 'TimeCreated', 'Id', 'Message' | Format-List
}

Disable-RootCertificateAutoUpdate
