# Code signing, run at install time (inside cpack) and after cpack (sign-package.cmake).
# Every step is driven by environment variables and skipped, with a message, when they are not
# set, so that unsigned builds work everywhere. packaging/README.md lists the variables.

function(fetchmedia_run)
    execute_process(COMMAND ${ARGN} RESULT_VARIABLE result)
    if(result)
        message(FATAL_ERROR "signing: '${ARGV0}' failed (${result})")
    endif()
endfunction()

# Windows Authenticode: FETCHMEDIA_WINDOWS_SIGN_PFX (path of a .pfx), FETCHMEDIA_WINDOWS_SIGN_PASSWORD,
# optional FETCHMEDIA_WINDOWS_TIMESTAMP_URL.
function(fetchmedia_sign_windows_files)
    if("$ENV{FETCHMEDIA_WINDOWS_SIGN_PFX}" STREQUAL "")
        message(STATUS "signing: FETCHMEDIA_WINDOWS_SIGN_PFX not set, ${ARGC} file(s) left unsigned")
        return()
    endif()
    find_program(signtool signtool REQUIRED)
    set(timestamp "$ENV{FETCHMEDIA_WINDOWS_TIMESTAMP_URL}")
    if(timestamp STREQUAL "")
        set(timestamp "http://timestamp.digicert.com")
    endif()
    foreach(file IN LISTS ARGN)
        fetchmedia_run("${signtool}" sign /fd SHA256 /f "$ENV{FETCHMEDIA_WINDOWS_SIGN_PFX}"
            /p "$ENV{FETCHMEDIA_WINDOWS_SIGN_PASSWORD}" /tr "${timestamp}" /td SHA256 "${file}")
    endforeach()
endfunction()

function(fetchmedia_sign_windows_folder folder)
    file(GLOB_RECURSE binaries "${folder}/*.exe" "${folder}/*.dll")
    fetchmedia_sign_windows_files(${binaries})
endfunction()

# macOS: FETCHMEDIA_MACOS_SIGN_IDENTITY ("Developer ID Application: …", in the keychain).
# Hardened runtime and a secure time stamp, both required for notarisation.
function(fetchmedia_sign_macos_bundle bundle)
    set(identity "$ENV{FETCHMEDIA_MACOS_SIGN_IDENTITY}")
    if(identity STREQUAL "")
        message(STATUS "signing: FETCHMEDIA_MACOS_SIGN_IDENTITY not set, ${bundle} left unsigned "
                       "(macdeployqt signed it ad hoc)")
        return()
    endif()
    # Inside out: frameworks and plug-ins (--deep), the helper programs, then the bundle.
    file(GLOB helpers "${bundle}/Contents/MacOS/fetchmedia-*")
    foreach(path IN LISTS helpers ITEMS "${bundle}")
        fetchmedia_run(codesign --force --deep --options runtime --timestamp
            --sign "${identity}" "${path}")
    endforeach()
    fetchmedia_run(codesign --verify --deep --strict "${bundle}")
endfunction()

# Notarisation of a signed disk image: either FETCHMEDIA_NOTARY_PROFILE (a profile saved with
# `xcrun notarytool store-credentials`) or FETCHMEDIA_NOTARY_APPLE_ID, FETCHMEDIA_NOTARY_TEAM_ID
# and FETCHMEDIA_NOTARY_PASSWORD (an app-specific password).
function(fetchmedia_notarize_macos dmg)
    if(NOT "$ENV{FETCHMEDIA_NOTARY_PROFILE}" STREQUAL "")
        set(credentials --keychain-profile "$ENV{FETCHMEDIA_NOTARY_PROFILE}")
    elseif(NOT "$ENV{FETCHMEDIA_NOTARY_APPLE_ID}" STREQUAL "")
        set(credentials --apple-id "$ENV{FETCHMEDIA_NOTARY_APPLE_ID}"
            --team-id "$ENV{FETCHMEDIA_NOTARY_TEAM_ID}" --password "$ENV{FETCHMEDIA_NOTARY_PASSWORD}")
    else()
        message(STATUS "signing: no notarisation credentials set, ${dmg} not notarised")
        return()
    endif()
    fetchmedia_run(xcrun notarytool submit "${dmg}" ${credentials} --wait)
    fetchmedia_run(xcrun stapler staple "${dmg}")
endfunction()
