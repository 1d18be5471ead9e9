; Inno Setup script: the Windows installer for the frozen StudyGuide folder (dist\StudyGuide).
; Installs per user by default (no admin rights needed; the wizard offers all users), adds a
; Start menu entry and an uninstaller. The user's library lives in %LOCALAPPDATA%\StudyGuide,
; outside the install folder, so uninstalling or upgrading never touches it.
; Build on Windows, from the repository root, after `pyinstaller --clean --noconfirm build.spec`:
;   iscc /DAppVersion=0.1.0 packaging\windows\studyguide.iss
; Result: dist\StudyGuide-<version>-windows-x64-setup.exe. Paths below are relative to this file.

#ifndef AppVersion
  #define AppVersion "0.0.0"
#endif
#define AppName "StudyGuide"
#define AppExe "StudyGuide.exe"

[Setup]
; A fixed AppId makes a new version upgrade the old one in place.
AppId={{6E0D8A52-4C1F-4E4B-9F2A-5B3C8D7E1A90}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=StudyGuide
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir=..\..\dist
OutputBaseFilename=StudyGuide-{#AppVersion}-windows-x64-setup
SetupIconFile=..\..\build\icons\studyguide.ico
UninstallDisplayIcon={app}\{#AppExe}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
Source: "..\..\dist\StudyGuide\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent
