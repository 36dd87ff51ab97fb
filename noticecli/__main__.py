from noticecli.cli import main

main()
