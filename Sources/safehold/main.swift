print("safehold")
