<#
Repair the permissions the VSS System Writer (hosted by Cryptographic Services) needs

What it fixes
  CAPI2 event 513, "Cryptographic Services failed while processing the OnIdentity() call in the System Writer
  Object", which leaves the System Writer out of "vssadmin list writers" and makes system state backups fail.
  Two known causes, each handled in its own step:
  A. "AddCoreCsiFiles : BeginFileEnumeration() failed ... Access is denied": the permissions on
     %windir%\winsxs\temp\PendingRenames and the files in %windir%\winsxs\filemaps are wrong (KB 2009272).
  B. "AddLegacyDriverFiles: Unable to back up image of binary Microsoft Link-Layer Discovery Protocol ...
     Access is denied": the MSLLDP driver's service security descriptor does not let NT AUTHORITY\SERVICE
     read it (Microsoft support 3209092; Microsoft says this variant is harmless and can be ignored).

What it does (every change asks first; -WhatIf shows the plan without changing anything)
  1. Shows the current ACLs and the MSLLDP security descriptor.
  2. Saves the ACLs with "icacls ... /save" into %ProgramData%\EventLogDoctor\Backups\system-writer-<timestamp>,
     then takes ownership for Administrators and grants SYSTEM read/execute, NT SERVICE\TrustedInstaller full
     control and Users read/execute on PendingRenames and on the filemaps files (the grants of KB 2009272;
     existing entries are kept).
  3. Saves the output of "sc sdshow mslldp" to the same folder, then adds (A;;CCLCSWLOCRRC;;;SU) to its DACL
     with "sc sdset mslldp" when it is missing.
  4. Restarts Cryptographic Services (and the dependents that were running) so the writer re-initializes.
  5. Verifies with "vssadmin list writers" and any CAPI2 513 logged since the script started.

Sources
  KB 2009272  https://learn.microsoft.com/en-us/troubleshoot/windows-server/backup-and-storage/system-state-backup-fails
  3209092     https://learn.microsoft.com/en-us/troubleshoot/windows-server/backup-and-storage/event-id-513-vss-windows-server

How to run
  Elevated PowerShell. Dry run: Repair-SystemWriterPermission -WhatIf. Apply: Repair-SystemWriterPermission
  (answer each prompt) or Repair-SystemWriterPermission -Confirm:$false.
  Undo: icacls "<parent folder>" /restore "<saved .acl file>" (the commands are printed when the backups are made),
  and sc.exe sdset mslldp <the saved descriptor>.
#>
function Repair-SystemWriterPermission {
    [CmdletBinding(SupportsShouldProcess, ConfirmImpact = 'High')]
    param()

    $principal = [Security.Principal.WindowsPrincipal][Security.Principal.WindowsIdentity]::GetCurrent()
    if (-not $principal.IsInRole([Security.Principal.WindowsBuiltInRole]::Administrator)) {
        if (-not $WhatIfPreference) {
            throw 'Run this from an elevated PowerShell (Run as administrator), or add -WhatIf for a dry run.'
        }
        Write-Warning 'Not elevated: dry run only; nothing will be changed (some ACLs may not be readable).'
    }

    $startedAt = Get-Date
    $backupDir = Join-Path $env:ProgramData ("EventLogDoctor\Backups\system-writer-" + $startedAt.ToString('yyyyMMdd-HHmmss'))
    $winsxs = Join-Path $env:windir 'winsxs'
    $tempDir = Join-Path $winsxs 'temp'
    $pendingRenames = Join-Path $tempDir 'PendingRenames'
    $filemaps = Join-Path $winsxs 'filemaps'
    # SIDs keep the grants working on localized Windows: S-1-5-18 is SYSTEM, S-1-5-32-545 is BUILTIN\Users.
    $grants = '*S-1-5-18:(RX)', 'NT SERVICE\TrustedInstaller:(F)', '*S-1-5-32-545:(RX)'

    function Invoke-Native {
        param([string]$FilePath, [string[]]$Arguments)
        & $FilePath @Arguments | Write-Host
        if ($LASTEXITCODE -ne 0) { Write-Warning "$FilePath $($Arguments -join ' ') exited with $LASTEXITCODE" }
    }

    function Save-Backup {
        param([string]$Target, [string]$Name)
        New-Item -ItemType Directory -Path $backupDir -Force | Out-Null
        $file = Join-Path $backupDir $Name
        Invoke-Native icacls.exe @($Target, '/save', $file, '/c')
        Write-Host "Saved ACLs of $Target to $file"
        Write-Host "  restore with: icacls `"$(Split-Path -Parent $Target)`" /restore `"$file`""
    }

    Write-Host "Current ACL of ${pendingRenames}:"
    if (Test-Path -LiteralPath $pendingRenames) { Invoke-Native icacls.exe @($pendingRenames) }
    else { Write-Host '  (folder not present)' }
    Write-Host "Current ACL of the first files in ${filemaps}:"
    Get-ChildItem -LiteralPath $filemaps -File -ErrorAction SilentlyContinue | Select-Object -First 3 |
        ForEach-Object { Invoke-Native icacls.exe @($_.FullName) }

    if (Test-Path -LiteralPath $pendingRenames) {
        if ($PSCmdlet.ShouldProcess($pendingRenames, 'Save ACL, take ownership for Administrators, grant SYSTEM, TrustedInstaller and Users (KB 2009272)')) {
            Save-Backup $pendingRenames 'PendingRenames.acl'
            Invoke-Native takeown.exe @('/f', $pendingRenames, '/a')
            foreach ($grant in $grants) { Invoke-Native icacls.exe @($pendingRenames, '/grant', $grant) }
        }
    }

    if (Test-Path -LiteralPath $filemaps) {
        $filemapFiles = Join-Path $filemaps '*'
        if ($PSCmdlet.ShouldProcess("$filemaps\*", 'Save ACLs, take ownership for Administrators, grant SYSTEM, TrustedInstaller and Users (KB 2009272)')) {
            Save-Backup $filemapFiles 'filemaps.acl'
            Invoke-Native takeown.exe @('/f', $filemapFiles, '/a')
            foreach ($grant in $grants) { Invoke-Native icacls.exe @($filemapFiles, '/grant', $grant, '/c') }
        }
    }

    $serviceAce = '(A;;CCLCSWLOCRRC;;;SU)'
    if (Test-Path -LiteralPath 'HKLM:\SYSTEM\CurrentControlSet\Services\MSLLDP') {
        $current = (& sc.exe sdshow mslldp | Where-Object { $_ -match '^\s*[OGDS]:' } | Select-Object -First 1)
        if (-not $current) {
            Write-Warning 'Could not read the MSLLDP security descriptor (sc.exe sdshow mslldp).'
        }
        else {
            $current = $current.Trim()
            Write-Host "MSLLDP security descriptor: $current"
            if ($current.Contains($serviceAce)) {
                Write-Host 'MSLLDP already grants NT AUTHORITY\SERVICE read access.'
            }
            else {
                # The new ACE goes at the end of the DACL, before the SACL ("S:") when there is one.
                $saclAt = $current.IndexOf(')S:')
                $updated = if ($saclAt -ge 0) { $current.Insert($saclAt + 1, $serviceAce) } else { $current + $serviceAce }
                if ($PSCmdlet.ShouldProcess('MSLLDP service security descriptor', "Save it, then set $updated (support 3209092)")) {
                    New-Item -ItemType Directory -Path $backupDir -Force | Out-Null
                    $saved = Join-Path $backupDir 'mslldp-sdshow.txt'
                    Set-Content -LiteralPath $saved -Value $current -Encoding ASCII
                    Write-Host "Saved the descriptor to $saved; restore with: sc.exe sdset mslldp $current"
                    Invoke-Native sc.exe @('sdset', 'mslldp', $updated)
                }
            }
        }
    }
    else {
        Write-Host 'The MSLLDP driver is not installed; the 3209092 step does not apply.'
    }

    $cryptSvc = Get-Service -Name CryptSvc -ErrorAction Stop
    $runningDependents = @($cryptSvc.DependentServices | Where-Object Status -eq 'Running' | ForEach-Object Name)
    if ($PSCmdlet.ShouldProcess('Cryptographic Services (CryptSvc)', 'Restart so the System Writer re-initializes')) {
        Restart-Service -Name CryptSvc -Force -ErrorAction Stop
        foreach ($name in $runningDependents) { Start-Service -Name $name -ErrorAction Continue }
    }

    Write-Host "`nVerification: vssadmin list writers"
    $writers = @(& vssadmin.exe list writers)
    $at = [Array]::FindIndex([string[]]$writers, [Predicate[string]] { param($line) $line -match 'System Writer' })
    if ($at -ge 0) {
        $writers[$at..([Math]::Min($at + 4, $writers.Count - 1))] | Write-Host
    }
    else {
        Write-Warning 'The System Writer is not listed. Full output:'
        $writers | Write-Host
    }
    $failures = @(Get-WinEvent -FilterHashtable @{
            LogName = 'Application'; ProviderName = 'Microsoft-Windows-CAPI2'; Id = 513; StartTime = $startedAt
        } -ErrorAction SilentlyContinue)
    if ($failures.Count -eq 0) {
        Write-Host 'No CAPI2 513 logged since the script started.'
    }
    else {
        Write-Warning "CAPI2 logged $($failures.Count) System Writer failure(s) since the script started:"
        $failures | Format-List -Property 'TimeCreated', 'Message'
    }
}

Repair-SystemWriterPermission
