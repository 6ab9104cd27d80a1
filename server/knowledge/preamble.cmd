@echo off
rem ===================================================================================================
rem Remediation script written by Event Log Doctor from the findings in an exported event log.
rem
rem REVIEW EVERY BLOCK BEFORE RUNNING IT. Each block below says what it fixes, where its facts come from,
rem what it backs up and how to undo it.
rem
rem Dry run by default: every command that changes something is prefixed with %%RUN%%, which only
rem prints it unless the script is started with /apply. Changes need an elevated command prompt.
rem
rem   <name>.remediation.cmd            dry run
rem   <name>.remediation.cmd /apply     make the changes
rem ===================================================================================================
setlocal EnableExtensions
set "RUN=echo [dry run]"
if /i "%~1"=="/apply" set "RUN="

rem Elevation check: "net session" only succeeds for an administrator.
net session >nul 2>&1
if errorlevel 1 (
    if defined RUN (
        echo Not elevated: continuing as a dry run only. Changes need "Run as administrator".
    ) else (
        echo This script must run from an elevated command prompt ^(Run as administrator^) to make changes.
        exit /b 1
    )
)
if defined RUN echo Dry run: nothing will be changed. Start the script with /apply to make the changes.
