# Windows: version resource and icon in each program, the programs and QtKeychain in bin, Qt
# deployed beside them by windeployqt (qt_generate_deploy_app_script), the MSVC run-time, and
# Authenticode signing when FETCHMEDIA_WINDOWS_SIGN_PFX is set (see packaging/README.md).
set(windows_dir "${CMAKE_CURRENT_LIST_DIR}")
set(FETCHMEDIA_ICON_FILE "${windows_dir}/fetchmedia.ico")
set(descriptions_fetchmedia "FetchMedia Desktop")
set(descriptions_fetchmedia-cli "FetchMedia command line")
set(descriptions_fetchmedia-sandbox "FetchMedia API emulator")
foreach(program IN LISTS fetchmedia_programs)
    set(FETCHMEDIA_RC_PROGRAM "${program}")
    set(FETCHMEDIA_RC_DESCRIPTION "${descriptions_${program}}")
    configure_file("${windows_dir}/version.rc.in" "${CMAKE_CURRENT_BINARY_DIR}/${program}.rc" @ONLY)
    target_sources(${program} PRIVATE "${CMAKE_CURRENT_BINARY_DIR}/${program}.rc")
endforeach()

install(TARGETS ${fetchmedia_programs} RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})

# windeployqt copies Qt only; QtKeychain is a third-party DLL.
get_target_property(keychain_target Qt6Keychain::Qt6Keychain ALIASED_TARGET)
if(NOT keychain_target)
    set(keychain_target Qt6Keychain::Qt6Keychain)
endif()
install(IMPORTED_RUNTIME_ARTIFACTS ${keychain_target} RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})

set(CMAKE_INSTALL_SYSTEM_RUNTIME_DESTINATION ${CMAKE_INSTALL_BINDIR})
include(InstallRequiredSystemLibraries)

# The GUI links every Qt module the other two programs use, so deploying it covers all three.
qt_generate_deploy_app_script(TARGET fetchmedia FILENAME_VARIABLE deploy_script)
install(SCRIPT "${deploy_script}")

install(CODE "
    include(\"${PROJECT_SOURCE_DIR}/packaging/signing.cmake\")
    fetchmedia_sign_windows_folder(\"\$ENV{DESTDIR}\${CMAKE_INSTALL_PREFIX}/${CMAKE_INSTALL_BINDIR}\")
")
