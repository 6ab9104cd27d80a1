<#
Repair the Cryptographic Services (CryptSvc) service configuration and start it

What it fixes
  Service Control Manager 7000/7001/7023/7024/7031/7034/7040 about Cryptographic Services, and installers
  that ask you to "make sure the Cryptographic service is running": the service is disabled, stopped, or
  cannot start because Remote Procedure Call (RpcSs) is not running or system files are damaged.

What it does (every change asks first; -WhatIf shows the plan without changing anything)
  1. Shows the current configuration: sc.exe qc cryptsvc, sc.exe query cryptsvc and the logon account.
  2. Makes sure Remote Procedure Call (RpcSs), the service CryptSvc depends on, is running.
  3. Sets the CryptSvc start type to Automatic (the recommended and default state).
  4. Starts CryptSvc when it is not running.
  5. Optional, each behind its own prompt: DISM /Online /Cleanup-Image /RestoreHealth (repairs the component
     store) and then sfc /scannow (repairs system files from it). Both take a long time; answer No to skip.
  6. Verifies: service state and start type, and any SCM error about CryptSvc logged since the script started.

Sources
  Snakefoot services guide (recommended and default: Automatic; depends on RPC)
    https://smallvoid.com/article/winnt-services-cryptsvc.html
  KB 822798 (Cryptographic Services set to disabled blocks updates)  https://learn.microsoft.com/en-us/troubleshoot/windows-server/deployment/cannot-install-updates-programs

How to run
  Elevated PowerShell. Dry run: Repair-CryptSvcService -WhatIf. Apply: Repair-CryptSvcService and answer each
  prompt (No skips a step), or Repair-CryptSvcService -Confirm:$false to run every step including DISM and SFC.
#>
function Repair-CryptSvcService {
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
    Write-Host 'Current configuration (sc.exe qc cryptsvc / sc.exe query cryptsvc):'
    & sc.exe qc cryptsvc | Write-Host
    & sc.exe query cryptsvc | Write-Host
    $wmiService = Get-CimInstance -ClassName Win32_Service -Filter "Name='CryptSvc'" -ErrorAction SilentlyContinue
    if ($wmiService) {
        Write-Host "Logon account: $($wmiService.StartName) (Windows Vista and later run CryptSvc as NT AUTHORITY\NetworkService)"
    }

    $rpc = Get-Service -Name RpcSs -ErrorAction Stop
    if ($rpc.Status -ne 'Running') {
        if ($PSCmdlet.ShouldProcess('Remote Procedure Call (RpcSs)', 'Start the service CryptSvc depends on')) {
            Start-Service -Name RpcSs -ErrorAction Stop
        }
    }
    else {
        Write-Host 'Remote Procedure Call (RpcSs) is running.'
    }

    $service = Get-Service -Name CryptSvc -ErrorAction Stop
    if ($service.StartType -ne 'Automatic') {
        if ($PSCmdlet.ShouldProcess('Cryptographic Services (CryptSvc)', "Change start type from $($service.StartType) to Automatic")) {
            Set-Service -Name CryptSvc -StartupType Automatic -ErrorAction Stop
        }
    }
    else {
        Write-Host 'CryptSvc start type is already Automatic.'
    }

    if ((Get-Service -Name CryptSvc).Status -ne 'Running') {
        if ($PSCmdlet.ShouldProcess('Cryptographic Services (CryptSvc)', 'Start the service')) {
            Start-Service -Name CryptSvc -ErrorAction Continue
        }
    }
    else {
        Write-Host 'CryptSvc is running.'
    }

    if ($PSCmdlet.ShouldProcess('Windows component store', 'Optional: DISM /Online /Cleanup-Image /RestoreHealth (takes a long time)')) {
        & dism.exe /Online /Cleanup-Image /RestoreHealth
        Write-Host "DISM exit code: $LASTEXITCODE"
    }
    if ($PSCmdlet.ShouldProcess('Windows system files', 'Optional: sfc /scannow (takes a long time)')) {
        & sfc.exe /scannow
        Write-Host "SFC exit code: $LASTEXITCODE"
    }

    Write-Host "`nVerification"
    $service = Get-Service -Name CryptSvc
    $service | Format-Table -AutoSize -Property 'Name', 'DisplayName', 'Status', 'StartType'
    if ($service.Status -ne 'Running' -or $service.StartType -ne 'Automatic') {
        Write-Warning 'CryptSvc is not yet running with start type Automatic.'
    }
    $errors = @(Get-WinEvent -FilterHashtable @{
            LogName = 'System'; ProviderName = 'Service Control Manager'; Id = 7000, 7001, 7023, 7024, 7031, 7034; StartTime = $startedAt
        } -ErrorAction SilentlyContinue | Where-Object { $_.Message -like "*$($service.DisplayName)*" })
    if ($errors.Count -eq 0) {
        Write-Host 'No Service Control Manager error about CryptSvc since the script started.'
    }
    else {
        Write-Warning 'Service Control Manager logged errors about CryptSvc since the script started:'
        $errors | Format-List -Property 'TimeCreated', 'Id', 'Message'
    }
}

Repair-CryptSvcService
