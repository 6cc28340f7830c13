# CPACK_POST_BUILD_SCRIPTS: signs (and on macOS notarises) the installers cpack just made.
# CPACK_PACKAGE_FILES holds their paths. Linux packages are signed by the repository that
# publishes them (apt/dnf metadata), not here.
include("${CMAKE_CURRENT_LIST_DIR}/signing.cmake")

foreach(package IN LISTS CPACK_PACKAGE_FILES)
    if(package MATCHES "\\.(exe|msi)$")
        fetchmedia_sign_windows_files("${package}")
    elseif(package MATCHES "\\.dmg$")
        if(NOT "$ENV{FETCHMEDIA_MACOS_SIGN_IDENTITY}" STREQUAL "")
            fetchmedia_run(codesign --force --timestamp
                --sign "$ENV{FETCHMEDIA_MACOS_SIGN_IDENTITY}" "${package}")
            fetchmedia_notarize_macos("${package}")
        else()
            message(STATUS "signing: FETCHMEDIA_MACOS_SIGN_IDENTITY not set, ${package} left unsigned")
        endif()
    endif()
endforeach()
