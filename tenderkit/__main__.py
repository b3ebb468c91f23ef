from tenderkit.cli import main

main(prog_name="tenderkit")
