# ---------------------------------------------------------------------------------------------------
# Event Log Doctor: clear the cached root list (CryptnetUrlCache), check the clock and the proxy
#
# Fixes:   Crypt32 / CAPI2 event 11 and CAPI2 event 4107, "Failed extract of third-party root list from
#          auto update cab", when a stale or broken copy of authrootstl.cab sits in the URL cache
#          (error "not within its validity period") or a proxy returned something that is not a cab
#          ("The data is invalid."), or when the system clock is wrong.
# What:    1. shows the time source status (w32tm /query /status) and the WinHTTP proxy;
#          2. renames the Content and MetaData folders of CryptnetUrlCache for the LocalService,
#             NetworkService and LocalSystem profiles and creates them again empty;
#          3. backs up the current user's cache, then empties it with `certutil -urlcache * delete`
#             (repeat that step as every user who runs the failing software);
#          4. resynchronises the clock (w32tm /resync; -SkipClockResync leaves it alone);
#          5. verifies: downloads the current root list and checks its signature (certutil -f -verifyCTL
#             AuthRootWU, Windows 8 / Server 2012 and later; skipped in a dry run), then lists the latest
#             11 / 4107 events.
# Sources: Microsoft Learn, "Event ID 4107 or Event ID 11 is logged in the Application log" (KB 2328240).
# Needs:   Windows PowerShell 3.0 or later (Windows 7 / Server 2008 R2 ship 2.0: install WMF 5.1).
# Run:     from an elevated PowerShell. Dry run unless the file is started with -Apply.
# Backup:  renamed folders stay beside the originals as Content.bak-<time> / MetaData.bak-<time>; the
#          current user's cache is copied under %ProgramData%\EventLogDoctor\Backup. Delete them once the
#          error is gone. If a rename fails because files are in use, stop Cryptographic Services
#          (net stop cryptsvc) or restart, and run again.
# ---------------------------------------------------------------------------------------------------
function Clear-CryptnetUrlCacheForRootList {
    [CmdletBinding(SupportsShouldProcess, ConfirmImpact = 'High')]
    param(
        [switch]$SkipClockResync,
        [string]$BackupFolder = (Join-Path $env:ProgramData 'EventLogDoctor\Backup')
    )

    $identity = [Security.Principal.WindowsIdentity]::GetCurrent()
    $isAdmin = ([Security.Principal.WindowsPrincipal]$identity).IsInRole([Security.Principal.WindowsBuiltInRole]::Administrator)
    if (-not $isAdmin) {
        if ($WhatIfPreference) {
            Write-Warning 'Not elevated: continuing as a dry run only. Changes need an elevated PowerShell.'
        } else {
            throw 'Run this from an elevated PowerShell (Run as administrator) to clear the system URL caches.'
        }
    }

    # A 32-bit PowerShell on 64-bit Windows sees SysWOW64 through System32; Sysnative reaches the real one.
    $system32 = Join-Path $env:windir 'System32'
    if ([Environment]::Is64BitOperatingSystem -and -not [Environment]::Is64BitProcess) {
        $system32 = Join-Path $env:windir 'Sysnative'
    }

    Write-Host "System clock (UTC): $((Get-Date).ToUniversalTime().ToString('u'))"
    Write-Host 'Time service status (w32tm /query /status):'
    w32tm.exe /query /status
    Write-Host 'WinHTTP proxy (netsh winhttp show proxy):'
    netsh.exe winhttp show proxy

    $stamp = '{0:yyyyMMdd-HHmmss}' -f (Get-Date)
    $profiles = [ordered]@{
        LocalService   = Join-Path $env:windir 'ServiceProfiles\LocalService'
        NetworkService = Join-Path $env:windir 'ServiceProfiles\NetworkService'
        LocalSystem    = Join-Path $system32 'config\systemprofile'
    }
    foreach ($account in $profiles.Keys) {
        $cache = Join-Path $profiles[$account] 'AppData\LocalLow\Microsoft\CryptnetUrlCache'
        foreach ($part in 'Content', 'MetaData') {
            $folder = Join-Path $cache $part
            if (-not (Test-Path -LiteralPath $folder)) {
                Write-Host "$account ${part}: not present"
                continue
            }
            $count = @(Get-ChildItem -LiteralPath $folder -Force -ErrorAction SilentlyContinue).Count
            if ($PSCmdlet.ShouldProcess($folder, "rename to $part.bak-$stamp ($count files) and create an empty $part")) {
                try {
                    Rename-Item -LiteralPath $folder -NewName "$part.bak-$stamp" -ErrorAction Stop
                    New-Item -ItemType Directory -Path $folder -Force | Out-Null
                    Write-Host "$account ${part}: renamed to $part.bak-$stamp"
                } catch {
                    Write-Warning "$account ${part}: could not rename ($($_.Exception.Message)). Stop Cryptographic Services (net stop cryptsvc) or restart, then run again."
                }
            }
        }
    }

    $userCache = Join-Path $env:USERPROFILE 'AppData\LocalLow\Microsoft\CryptnetUrlCache'
    if ($PSCmdlet.ShouldProcess("URL cache of $env:USERNAME", 'back up, then delete every entry (certutil -urlcache * delete)')) {
        if (Test-Path -LiteralPath $userCache) {
            $userBackup = Join-Path $BackupFolder "CryptnetUrlCache-$env:USERNAME-$stamp"
            New-Item -ItemType Directory -Path $userBackup -Force | Out-Null
            Copy-Item -LiteralPath $userCache -Destination $userBackup -Recurse -Force
            Write-Host "Backup of the current user's cache: $userBackup"
        }
        certutil.exe -urlcache * delete
        if ($LASTEXITCODE -ne 0) { Write-Warning "certutil -urlcache * delete exited with code $LASTEXITCODE" }
    }

    if (-not $SkipClockResync -and $PSCmdlet.ShouldProcess('system clock', 'resynchronise with the configured time source (w32tm /resync)')) {
        w32tm.exe /resync
        if ($LASTEXITCODE -ne 0) { Write-Warning 'w32tm /resync failed: check that the Windows Time service runs and a time source is reachable.' }
    }

    # Verify: ask Windows Update for a fresh root list and check its signature, then list recent extract errors.
    if (-not $WhatIfPreference) {
        Write-Host 'Downloading and verifying the current root list (certutil -f -verifyCTL AuthRootWU):'
        certutil.exe -f -verifyCTL AuthRootWU
    }
    Get-WinEvent -FilterHashtable @{ LogName = 'Application'; ProviderName = 'Microsoft-Windows-CAPI2'; Id = 4107, 11 } -MaxEvents 5 -ErrorAction SilentlyContinue |
        Select-Object -Property 'TimeCreated', 'Id', 'Message' | Format-List
    Write-Host 'Events older than this run are expected above; a new 11/4107 after it means the cause is still there.'
}

Clear-CryptnetUrlCacheForRootList
