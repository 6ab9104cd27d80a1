<#
Reset the Cryptographic Services catalog database (catroot2)

What it fixes
  CAPI2 events 256/257 ("failed to initialize the Catalog Database") and installers that stop with
  "Setup could not verify the integrity of the file ..." or "Failed to install catalog files." when the
  catalog database in %windir%\System32\catroot2 or its ESENT logs are damaged.

What it does (every change asks first; -WhatIf shows the plan without changing anything)
  1. Stops Cryptographic Services (CryptSvc) and notes which dependent services were running.
  2. Renames %windir%\System32\catroot2 to catroot2.bak-<timestamp>. Windows creates a new, empty
     catroot2 when the service starts. Nothing is deleted, and %windir%\System32\catroot (the signed
     catalog files themselves, which Windows does NOT rebuild) is never touched.
  3. Moves the ESENT transaction logs %windir%\security\Edb*.log into a backup folder beside them
     (the services guide's cleanup step, done by moving instead of deleting).
  4. Starts CryptSvc again, then the dependent services that were running before.
  5. Re-registers the crypto DLLs of KB 822798 that exist on this Windows version.
  6. Verifies: service state, the new catroot2 folder, and any CAPI2 256/257 logged since the reset.

Sources
  KB 822798: rename catroot2, never catroot (earlier revisions of the article list the DLLs re-registered here)
    https://learn.microsoft.com/en-us/troubleshoot/windows-server/deployment/cannot-install-updates-programs
  Snakefoot services guide, Cryptographic Services: the Edb*.log clean-up
    https://smallvoid.com/article/winnt-services-cryptsvc.html
  Event ID 256/257, System Catalog Database Integrity
    http://technet.microsoft.com/en-us/library/cc734083(ws.10).aspx

How to run
  Elevated PowerShell, in a maintenance window (installs and signature checks fail while CryptSvc is stopped).
  Dry run: Reset-Catroot2 -WhatIf. Apply: Reset-Catroot2 (answer each prompt) or Reset-Catroot2 -Confirm:$false.
  If the rename fails with "access denied" even though CryptSvc is stopped, start Windows in safe mode and run it again.
  To undo: stop CryptSvc, rename catroot2.bak-<timestamp> back to catroot2, start CryptSvc.
#>
function Reset-Catroot2 {
    [CmdletBinding(SupportsShouldProcess, ConfirmImpact = 'High')]
    param()

    $principal = [Security.Principal.WindowsPrincipal][Security.Principal.WindowsIdentity]::GetCurrent()
    if (-not $principal.IsInRole([Security.Principal.WindowsBuiltInRole]::Administrator)) {
        if (-not $WhatIfPreference) {
            throw 'Run this from an elevated PowerShell (Run as administrator), or add -WhatIf for a dry run.'
        }
        Write-Warning 'Not elevated: dry run only; nothing will be changed.'
    }

    $startedAt = Get-Date
    $stamp = $startedAt.ToString('yyyyMMdd-HHmmss')
    $system32 = Join-Path $env:windir 'System32'
    $catroot2 = Join-Path $system32 'catroot2'
    $securityDir = Join-Path $env:windir 'security'

    $service = Get-Service -Name CryptSvc -ErrorAction Stop
    $runningDependents = @($service.DependentServices | Where-Object Status -eq 'Running' | ForEach-Object Name)
    Write-Host "CryptSvc is $($service.Status) (start type $($service.StartType)); running dependents: $($runningDependents -join ', ')"

    if ($PSCmdlet.ShouldProcess('Cryptographic Services (CryptSvc)', 'Stop the service and its dependent services')) {
        Stop-Service -Name CryptSvc -Force -ErrorAction Stop
        (Get-Service -Name CryptSvc).WaitForStatus('Stopped', [TimeSpan]::FromSeconds(30))
    }

    if (Test-Path -LiteralPath $catroot2) {
        $backupName = "catroot2.bak-$stamp"
        if ($PSCmdlet.ShouldProcess($catroot2, "Rename to $backupName (Windows recreates catroot2 on service start)")) {
            try {
                Rename-Item -LiteralPath $catroot2 -NewName $backupName -ErrorAction Stop
                Write-Host "Renamed $catroot2 to $backupName"
            }
            catch {
                Write-Error "Could not rename catroot2: $($_.Exception.Message). Another process may have restarted CryptSvc; try again in safe mode."
            }
        }
    }
    else {
        Write-Warning "$catroot2 does not exist; nothing to rename."
    }

    $securityLogs = @(Get-ChildItem -LiteralPath $securityDir -Filter 'Edb*.log' -File -ErrorAction SilentlyContinue)
    if ($securityLogs.Count -gt 0) {
        $logBackup = Join-Path $securityDir "edb-logs.bak-$stamp"
        if ($PSCmdlet.ShouldProcess($securityDir, "Move $($securityLogs.Count) Edb*.log file(s) to $logBackup")) {
            New-Item -ItemType Directory -Path $logBackup -Force | Out-Null
            $securityLogs | Move-Item -Destination $logBackup -ErrorAction Continue
        }
    }

    if ($PSCmdlet.ShouldProcess('Cryptographic Services (CryptSvc)', 'Start the service and the dependents that were running')) {
        Start-Service -Name CryptSvc -ErrorAction Stop
        foreach ($name in $runningDependents) {
            Start-Service -Name $name -ErrorAction Continue
        }
    }

    $dlls = 'softpub.dll', 'wintrust.dll', 'initpki.dll', 'dssenh.dll', 'rsaenh.dll',
            'gpkcsp.dll', 'sccbase.dll', 'slbcsp.dll', 'cryptdlg.dll'
    foreach ($dll in $dlls) {
        $path = Join-Path $system32 $dll
        if (-not (Test-Path -LiteralPath $path)) {
            Write-Verbose "$dll is not present on this Windows version; skipped."
            continue
        }
        if ($PSCmdlet.ShouldProcess($path, 'Re-register with regsvr32 /s')) {
            $process = Start-Process -FilePath (Join-Path $system32 'regsvr32.exe') -ArgumentList '/s', "`"$path`"" -Wait -PassThru
            if ($process.ExitCode -ne 0) {
                Write-Warning "regsvr32 returned $($process.ExitCode) for $dll (some DLLs have no registration entry point on newer Windows)."
            }
        }
    }

    Write-Host "`nVerification"
    Get-Service -Name CryptSvc | Format-Table -AutoSize -Property 'Name', 'Status', 'StartType'
    if (Test-Path -LiteralPath $catroot2) {
        Write-Host "$catroot2 exists."
    }
    else {
        Write-Warning "$catroot2 does not exist yet; Windows creates it when the catalog database is first used."
    }
    $failures = @(Get-WinEvent -FilterHashtable @{
            LogName = 'Application'; ProviderName = 'Microsoft-Windows-CAPI2'; Id = 256, 257; StartTime = $startedAt
        } -ErrorAction SilentlyContinue)
    if ($failures.Count -eq 0) {
        Write-Host 'No CAPI2 256/257 logged since the reset.'
    }
    else {
        Write-Warning "CAPI2 logged $($failures.Count) catalog database failure(s) since the reset:"
        $failures | Format-List -Property 'TimeCreated', 'Id', 'Message'
    }
}

Reset-Catroot2
